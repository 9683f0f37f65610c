// Order keys (fractional indexing): new entities go after the last valid key; a move computes one key
// between the new neighbours and falls back to re-keying the whole list when remote keys are malformed or
// equal (concurrent inserts at the same spot produce equal keys; ids break those ties when sorting).

import { generateKeyBetween, generateNKeysBetween } from 'fractional-indexing';

export interface Ordered {
  id: string;
  order: string;
}

/** Code-unit order of keys, then of ids: the same on every replica. */
export function compareOrdered(a: Ordered, b: Ordered): number {
  if (a.order !== b.order) return a.order < b.order ? -1 : 1;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  return 0;
}

/** A key strictly between a and b, or null when malformed keys make that impossible (checked, not trusted). */
function keyBetween(a: string | null, b: string | null): string | null {
  let key: string;
  try {
    key = generateKeyBetween(a, b);
  } catch {
    return null;
  }
  return (a === null || a < key) && (b === null || key < b) ? key : null;
}

/** A key after every valid key in `keys`. */
export function keyAfter(keys: readonly string[]): string {
  const sorted = [...keys].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0));
  for (const k of sorted) {
    const next = keyBetween(k, null);
    if (next !== null) return next;
  }
  return generateKeyBetween(null, null);
}

/**
 * New order keys that put `id` at `toIndex` (clamped) of `sorted`. Returns only the keys that change; an
 * empty map when `id` is not in the list.
 */
export function planMove(sorted: readonly Ordered[], id: string, toIndex: number): Map<string, string> {
  const from = sorted.findIndex((e) => e.id === id);
  if (from < 0) return new Map();
  const rest = sorted.filter((e) => e.id !== id);
  const at = Math.min(Math.max(0, Math.trunc(toIndex)), rest.length);
  const moving = sorted[from] as Ordered;
  const desired = [...rest.slice(0, at), moving, ...rest.slice(at)];
  if (desired.every((e, i) => e.id === sorted[i]?.id)) return new Map();
  const prev = rest[at - 1]?.order ?? null;
  const next = rest[at]?.order ?? null;
  const single = keyBetween(prev, next);
  if (single !== null) return new Map([[id, single]]);
  const keys = generateNKeysBetween(null, null, desired.length);
  const changes = new Map<string, string>();
  desired.forEach((e, i) => {
    const key = keys[i] as string;
    if (e.order !== key) changes.set(e.id, key);
  });
  return changes;
}
