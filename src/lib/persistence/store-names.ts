// The IndexedDB databases that hold a conference's documents on this device, by name, and their deletion.
// Apart from doc-store.ts because neither needs Yjs: the start page forgets a conference without loading it.

/** IndexedDB database names of a conference's documents (`facilitators`: on facilitator devices only). */
export function docStoreNames(roomId: string): {
  shared: string;
  control: string;
  facilitators: string;
  plans: string;
} {
  return {
    shared: `slt:${roomId}`,
    control: `slt:${roomId}/control`,
    facilitators: `slt:${roomId}/facilitators`,
    plans: `slt:${roomId}/plans`
  };
}

/**
 * Deletes every IndexedDB database of a conference's documents: the four named above, its sealed drafts and any other this
 * app version or a later one keeps under the same `slt:<roomId>` prefix (the browser lists them where it
 * can; otherwise the known names are deleted). Resolves when the browser confirmed each deletion.
 */
export async function deleteConferenceStores(
  roomId: string,
  sealedScopes: readonly string[] = []
): Promise<void> {
  const stores = docStoreNames(roomId);
  // The sealed drafts this device remembers (ConferenceRecord.sealedScopes), for browsers without
  // indexedDB.databases(); where it exists, every `slt:<roomId>/…` database is found anyway.
  const known = [
    ...Object.values(stores),
    ...sealedScopes.map((scope) => `${stores.shared}/sealed/${scope}`)
  ];
  const prefix = `slt:${roomId}/`;
  let names = known;
  try {
    const listed = (await indexedDB.databases?.()) ?? [];
    const mine = listed.map((d) => d.name ?? '').filter((n) => n === known[0] || n.startsWith(prefix));
    names = [...new Set([...known, ...mine])];
  } catch {
    // databases() is missing or refused: the known names are all there is to delete
  }
  await Promise.all(
    names.map(
      (name) =>
        new Promise<void>((resolve, reject) => {
          const request = indexedDB.deleteDatabase(name);
          request.onsuccess = () => resolve();
          request.onerror = () => reject(request.error ?? new Error(`could not delete ${name}`));
          // Another tab holds it open: the deletion finishes when that tab lets go.
          request.onblocked = () => resolve();
        })
    )
  );
}
