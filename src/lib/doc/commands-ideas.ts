// Commands on the shared document's ideas (written by participants). The table an idea belongs to lives in
// the control document; ideas only check that its id is well-formed, reads join the two.

import type * as Y from 'yjs';
import {
  err,
  isEntityId,
  LIMITS,
  newIdeaId,
  ok,
  validateText,
  type CommandError,
  type IdeaId,
  type Result,
  type TableId
} from '../model';
import { LOCAL_ORIGIN, type DocOrigin } from './origin';
import { IDEA, ROOT } from './schema';
import { createEntity, entityIn, setIfChanged, stampVersion, writableRoot } from './write';

export interface IdeaInput {
  tableId: TableId;
  text: string;
  author?: string;
  /** The adding device's tag (`[A-Za-z0-9_-]{1,32}`; anything else is not written). Only on add. */
  ownerTag?: string;
}

const OWNER_TAG = /^[A-Za-z0-9_-]{1,32}$/;

type CleanIdea = { tableId?: TableId; text?: string; author?: string };

function validateIdea(input: Partial<IdeaInput>): Result<CleanIdea, CommandError> {
  const out: CleanIdea = {};
  if (input.tableId !== undefined) {
    if (!isEntityId(input.tableId)) return err('notFound', 'tableId');
    out.tableId = input.tableId;
  }
  if (input.text !== undefined) {
    const r = validateText(input.text, { max: LIMITS.ideaText, required: true });
    if (!r.ok) return err(r.error, 'text');
    out.text = r.value;
  }
  if (input.author !== undefined) {
    const r = validateText(input.author, { max: LIMITS.name, singleLine: true });
    if (!r.ok) return err(r.error, 'author');
    out.author = r.value;
  }
  return ok(out);
}

export function addIdea(
  shared: Y.Doc,
  input: IdeaInput,
  origin: DocOrigin = LOCAL_ORIGIN
): Result<IdeaId, CommandError> {
  const v = validateIdea({ ...input, text: input.text ?? '' });
  if (!v.ok) return v;
  const id = newIdeaId();
  shared.transact(() => {
    stampVersion(shared);
    createEntity(writableRoot(shared, ROOT.ideas), id, {
      [IDEA.tableId]: v.value.tableId,
      [IDEA.text]: v.value.text,
      [IDEA.author]: v.value.author ?? '',
      [IDEA.createdAt]: Date.now(),
      ...(OWNER_TAG.test(input.ownerTag ?? '') ? { [IDEA.ownerTag]: input.ownerTag } : {})
    });
  }, origin);
  return ok(id);
}

/** Edits text or author, or moves the idea to another table (`tableId`). */
export function updateIdea(
  shared: Y.Doc,
  id: IdeaId,
  patch: Partial<IdeaInput>,
  origin: DocOrigin = LOCAL_ORIGIN
): Result<void, CommandError> {
  const m = entityIn(shared, ROOT.ideas, id);
  if (!m) return err('notFound');
  const v = validateIdea(patch);
  if (!v.ok) return v;
  shared.transact(() => {
    for (const key of ['tableId', 'text', 'author'] as const) {
      if (v.value[key] !== undefined) setIfChanged(m, IDEA[key], v.value[key]);
    }
  }, origin);
  return ok(undefined);
}

export function removeIdea(
  shared: Y.Doc,
  id: IdeaId,
  origin: DocOrigin = LOCAL_ORIGIN
): Result<void, CommandError> {
  if (!entityIn(shared, ROOT.ideas, id)) return err('notFound');
  shared.transact(() => writableRoot(shared, ROOT.ideas).delete(id), origin);
  return ok(undefined);
}

/**
 * Puts a removed idea back with its id, table, text, author and time (the undo of `removeIdea`). Nothing
 * happens when the id is there again already (another device undid it too). The restored entry is
 * written by this device's client, so under ownership it then belongs to whoever restored it: only the
 * author's own undo passes `ownerTag` (a facilitator's restore leaves it out, so the author's app does not
 * offer edits the relay would refuse).
 */
export function restoreIdea(
  shared: Y.Doc,
  idea: {
    id: IdeaId;
    tableId: TableId;
    text: string;
    author: string;
    createdAt: number;
    ownerTag?: string;
  },
  origin: DocOrigin = LOCAL_ORIGIN
): Result<void, CommandError> {
  if (!isEntityId(idea.id)) return err('notFound');
  if (entityIn(shared, ROOT.ideas, idea.id)) return ok(undefined);
  const v = validateIdea(idea);
  if (!v.ok) return v;
  shared.transact(() => {
    stampVersion(shared);
    createEntity(writableRoot(shared, ROOT.ideas), idea.id, {
      [IDEA.tableId]: v.value.tableId,
      [IDEA.text]: v.value.text,
      [IDEA.author]: v.value.author ?? '',
      [IDEA.createdAt]: Number.isFinite(idea.createdAt) ? idea.createdAt : Date.now(),
      ...(OWNER_TAG.test(idea.ownerTag ?? '') ? { [IDEA.ownerTag]: idea.ownerTag } : {})
    });
  }, origin);
  return ok(undefined);
}
