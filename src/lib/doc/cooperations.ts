// Cooperations between two initiatives of the Landkarte (shared doc, root `cooperations`). Each entry is
// created by the person who adds it, so only its creator changes it; reads (read-initiatives.ts) skip
// those naming an unknown or hidden initiative and move a merged duplicate's to its target.

import type * as Y from 'yjs';
import {
  err,
  INITIATIVE_LIMITS as L,
  isCooperationKind,
  newCooperationId,
  ok,
  validateText,
  type CommandError,
  type CooperationId,
  type CooperationKind,
  type InitiativeId,
  type Result
} from '../model';
import { LOCAL_ORIGIN, type DocOrigin } from './origin';
import { ROOT } from './schema';
import { createEntity, entityIn, stampVersion, writableRoot } from './write';

export const COOPERATION = Object.freeze({
  a: 'a',
  b: 'b',
  kind: 'kind',
  note: 'note',
  createdAt: 'createdAt'
});

export function addCooperation(
  shared: Y.Doc,
  input: { a: InitiativeId; b: InitiativeId; kind: CooperationKind; note?: string },
  origin: DocOrigin = LOCAL_ORIGIN
): Result<CooperationId, CommandError> {
  if (!entityIn(shared, ROOT.initiatives, input.a)) return err('notFound', 'a');
  if (!entityIn(shared, ROOT.initiatives, input.b)) return err('notFound', 'b');
  if (input.a === input.b) return err('sameInitiative', 'b');
  if (!isCooperationKind(input.kind)) return err('invalidPosition', 'kind');
  const note = validateText(input.note ?? '', { max: L.cooperationNote, singleLine: true });
  if (!note.ok) return err(note.error, 'note');
  const id = newCooperationId();
  shared.transact(() => {
    stampVersion(shared);
    createEntity(writableRoot(shared, ROOT.cooperations), id, {
      [COOPERATION.a]: input.a,
      [COOPERATION.b]: input.b,
      [COOPERATION.kind]: input.kind,
      [COOPERATION.note]: note.value,
      [COOPERATION.createdAt]: Date.now()
    });
  }, origin);
  return ok(id);
}

export function removeCooperation(
  shared: Y.Doc,
  id: CooperationId,
  origin: DocOrigin = LOCAL_ORIGIN
): Result<void, CommandError> {
  if (!entityIn(shared, ROOT.cooperations, id)) return err('notFound');
  shared.transact(() => writableRoot(shared, ROOT.cooperations).delete(id), origin);
  return ok(undefined);
}
