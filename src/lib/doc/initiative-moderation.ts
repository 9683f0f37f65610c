// Facilitators' decisions about other people's initiatives, in the control doc where only they write:
// `initiativeMerges` (a duplicate is shown as part of its target) and `initiativeHidden` (hidden from every
// view, with a reason). Neither writes into the initiatives: reads (read-initiatives.ts) fold a duplicate
// into its target and leave a hidden one out, so nothing is lost and both can be undone.

import type * as Y from 'yjs';
import {
  err,
  INITIATIVE_LIMITS as L,
  isEntityId,
  ok,
  validateText,
  type CommandError,
  type InitiativeId,
  type Result
} from '../model';
import type { ConferenceDocs } from './docs';
import { LOCAL_ORIGIN, type DocOrigin } from './origin';
import { asEntity, ROOT, rootMap } from './schema';
import { createEntity, entityIn, stampVersion, writableRoot } from './write';

export const HIDDEN = Object.freeze({ reason: 'reason', at: 'at' });

/**
 * Where a chain of merges starting at `id` ends. A missing target ends the walk before it; a cycle (two
 * facilitators merged A into B and B into A at once) ends at the cycle's smallest id, so every replica
 * picks the same survivor and nothing disappears.
 */
export function resolveMerge(docs: ConferenceDocs, id: string): string {
  const merges = rootMap(docs.control, ROOT.initiativeMerges);
  const initiatives = rootMap(docs.shared, ROOT.initiatives);
  const path = [id];
  let at = id;
  for (;;) {
    const next = merges?.get(at);
    if (typeof next !== 'string' || !isEntityId(next) || !asEntity(initiatives?.get(next))) return at;
    const loop = path.indexOf(next);
    if (loop >= 0) return path.slice(loop).sort()[0]!;
    path.push(next);
    at = next;
  }
}

/** Facilitators: `duplicate` is shown as part of `target` from now on; both stay in the shared doc. */
export function mergeInitiatives(
  docs: ConferenceDocs,
  duplicate: InitiativeId,
  target: InitiativeId,
  origin: DocOrigin = LOCAL_ORIGIN
): Result<void, CommandError> {
  if (!entityIn(docs.shared, ROOT.initiatives, duplicate)) return err('notFound', 'duplicate');
  if (!entityIn(docs.shared, ROOT.initiatives, target)) return err('notFound', 'target');
  const end = resolveMerge(docs, target);
  if (end === duplicate || resolveMerge(docs, duplicate) === end) return err('sameInitiative');
  docs.control.transact(() => {
    stampVersion(docs.control);
    writableRoot(docs.control, ROOT.initiativeMerges).set(duplicate, end);
  }, origin);
  return ok(undefined);
}

/** Facilitators: undoes a merge; the duplicate shows on its own again, as it was. */
export function unmergeInitiative(
  control: Y.Doc,
  duplicate: InitiativeId,
  origin: DocOrigin = LOCAL_ORIGIN
): Result<void, CommandError> {
  const merges = writableRoot(control, ROOT.initiativeMerges);
  if (!merges.has(duplicate)) return err('notFound');
  control.transact(() => merges.delete(duplicate), origin);
  return ok(undefined);
}

/** Facilitators: hides an initiative from every view, with a reason; nothing is deleted. */
export function hideInitiative(
  docs: ConferenceDocs,
  id: InitiativeId,
  reason: string,
  origin: DocOrigin = LOCAL_ORIGIN
): Result<void, CommandError> {
  if (!entityIn(docs.shared, ROOT.initiatives, id)) return err('notFound');
  const r = validateText(reason, { max: L.hiddenReason, singleLine: true, required: true });
  if (!r.ok) return err(r.error, 'reason');
  docs.control.transact(() => {
    stampVersion(docs.control);
    createEntity(writableRoot(docs.control, ROOT.initiativeHidden), id, {
      [HIDDEN.reason]: r.value,
      [HIDDEN.at]: Date.now()
    });
  }, origin);
  return ok(undefined);
}

export function unhideInitiative(
  control: Y.Doc,
  id: InitiativeId,
  origin: DocOrigin = LOCAL_ORIGIN
): Result<void, CommandError> {
  const hidden = writableRoot(control, ROOT.initiativeHidden);
  if (!hidden.has(id)) return err('notFound');
  control.transact(() => hidden.delete(id), origin);
  return ok(undefined);
}
