// Writes a new string into a Y.Text as the smallest edit (common prefix and suffix kept), so two people
// typing into different parts of one long text both keep what they typed when their edits merge.

import type * as Y from 'yjs';

export function applyTextDiff(ytext: Y.Text, next: string): void {
  const prev = ytext.toString();
  if (prev === next) return;
  let start = 0;
  const max = Math.min(prev.length, next.length);
  while (start < max && prev.charCodeAt(start) === next.charCodeAt(start)) start++;
  // Never split a surrogate pair: step back onto its first half.
  if (start > 0 && isHigh(prev.charCodeAt(start - 1))) start--;
  let endPrev = prev.length;
  let endNext = next.length;
  while (
    endPrev > start &&
    endNext > start &&
    prev.charCodeAt(endPrev - 1) === next.charCodeAt(endNext - 1)
  ) {
    endPrev--;
    endNext--;
  }
  if (endPrev < prev.length && isLow(prev.charCodeAt(endPrev))) {
    endPrev++;
    endNext++;
  }
  if (endPrev > start) ytext.delete(start, endPrev - start);
  if (endNext > start) ytext.insert(start, next.slice(start, endNext));
}

const isHigh = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;

/**
 * Applies what a person changed from `base` (the text when their form opened) to `next` onto the Y.Text
 * as it is now, which others may have changed meanwhile: their edits outside the changed span stay. When
 * the span cannot be found any more (someone edited right there), the new text is inserted without
 * deleting anything, so no one's typing is lost.
 */
export function rebaseTextEdit(ytext: Y.Text, base: string, next: string): void {
  if (base === next) return;
  const current = ytext.toString();
  if (current === base) return applyTextDiff(ytext, next);
  let p = 0;
  const max = Math.min(base.length, next.length);
  while (p < max && base.charCodeAt(p) === next.charCodeAt(p)) p++;
  if (p > 0 && isHigh(base.charCodeAt(p - 1))) p--;
  let s = 0;
  while (
    s < base.length - p &&
    s < next.length - p &&
    base.charCodeAt(base.length - 1 - s) === next.charCodeAt(next.length - 1 - s)
  )
    s++;
  if (s > 0 && isLow(base.charCodeAt(base.length - s))) s--;
  const removed = base.slice(p, base.length - s);
  const inserted = next.slice(p, next.length - s);
  const before = base.slice(0, p);
  const after = base.slice(base.length - s);
  let at = -1;
  if (current.startsWith(before) && current.startsWith(removed, p)) at = p;
  else if (current.endsWith(after) && current.slice(0, current.length - s).endsWith(removed))
    at = current.length - s - removed.length;
  if (at >= 0) {
    if (removed) ytext.delete(at, removed.length);
    if (inserted) ytext.insert(at, inserted);
  } else if (inserted) {
    ytext.insert(Math.min(p, current.length), inserted);
  }
}
