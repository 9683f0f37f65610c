// Marktplatz answers (shared doc, root `supporters`): a participant joins, helps or asks to be contacted
// about an initiative through their own entry, never a write into the initiative, so only they change it.
// Reads (read-initiatives.ts) skip those of unknown or hidden initiatives.

import type * as Y from 'yjs';
import {
  err,
  INITIATIVE_LIMITS as L,
  isSupportKind,
  newSupporterId,
  ok,
  validateText,
  type CommandError,
  type InitiativeId,
  type Result,
  type SupporterId,
  type SupportKind
} from '../model';
import { LOCAL_ORIGIN, type DocOrigin } from './origin';
import { ROOT } from './schema';
import { createEntity, entityIn, stampVersion, writableRoot } from './write';

export const SUPPORTER = Object.freeze({
  initiativeId: 'initiativeId',
  kind: 'kind',
  name: 'name',
  createdAt: 'createdAt'
});

/**
 * A participant's answer at the Marktplatz. Only a name and the kind: a way to reach the person belongs in
 * the facilitators-only document (`contactEntryUpdate`, facilitators.ts), never here.
 */
export function addSupporter(
  shared: Y.Doc,
  input: { initiativeId: InitiativeId; kind: SupportKind; name: string },
  origin: DocOrigin = LOCAL_ORIGIN
): Result<SupporterId, CommandError> {
  if (!entityIn(shared, ROOT.initiatives, input.initiativeId)) return err('notFound');
  if (!isSupportKind(input.kind)) return err('invalidPosition', 'kind');
  const name = validateText(input.name, { max: L.supporterName, singleLine: true, required: true });
  if (!name.ok) return err(name.error, 'name');
  const id = newSupporterId();
  shared.transact(() => {
    stampVersion(shared);
    createEntity(writableRoot(shared, ROOT.supporters), id, {
      [SUPPORTER.initiativeId]: input.initiativeId,
      [SUPPORTER.kind]: input.kind,
      [SUPPORTER.name]: name.value,
      [SUPPORTER.createdAt]: Date.now()
    });
  }, origin);
  return ok(id);
}

/** Withdraws an answer (the person's own entry). */
export function removeSupporter(
  shared: Y.Doc,
  id: SupporterId,
  origin: DocOrigin = LOCAL_ORIGIN
): Result<void, CommandError> {
  if (!entityIn(shared, ROOT.supporters, id)) return err('notFound');
  shared.transact(() => writableRoot(shared, ROOT.supporters).delete(id), origin);
  return ok(undefined);
}
