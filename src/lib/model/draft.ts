// Merging texts into an idea draft (the composer's unsent text): used when ideas the relay refused (room
// locked) go back into the composer. Plain functions; the drafts themselves live in the device database.

const SEPARATOR = '\n\n';

/** `addition` appended to `existing` after a blank line; unchanged when it is already in there. */
export function mergeDraftText(existing: string, addition: string): string {
  const add = addition.trim();
  if (add === '') return existing;
  if (existing.trim() === '') return add;
  if (existing.split(SEPARATOR).some((part) => part.trim() === add)) return existing;
  return `${existing.trimEnd()}${SEPARATOR}${add}`;
}
