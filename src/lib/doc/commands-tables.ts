// Commands on the control document's Thementische. One transaction each, typed origin, Result back.

import type * as Y from 'yjs';
import {
  err,
  LIMITS,
  newTableId,
  ok,
  validateText,
  type CommandError,
  type FieldId,
  type Result,
  type TableId
} from '../model';
import { LOCAL_ORIGIN, type DocOrigin } from './origin';
import { keyAfter, planMove } from './order';
import { readTables } from './read';
import { ROOT, TABLE } from './schema';
import { createEntity, entityIn, setIfChanged, writableRoot } from './write';

export interface TableInput {
  title: string;
  question?: string;
  host?: string;
  fieldId?: FieldId | null;
}

type CleanTable = { title?: string; question?: string; host?: string; fieldId?: FieldId | null };

function validateTable(control: Y.Doc, input: Partial<TableInput>): Result<CleanTable, CommandError> {
  const out: CleanTable = {};
  const rules = [
    ['title', LIMITS.tableTitle, true, true],
    ['question', LIMITS.question, false, false],
    ['host', LIMITS.host, false, true]
  ] as const;
  for (const [key, max, required, singleLine] of rules) {
    if (input[key] === undefined) continue;
    const r = validateText(input[key], { max, required, singleLine });
    if (!r.ok) return err(r.error, key);
    out[key] = r.value;
  }
  if (input.fieldId !== undefined) {
    if (input.fieldId !== null && !entityIn(control, ROOT.fields, input.fieldId))
      return err('unknownField', 'fieldId');
    out.fieldId = input.fieldId;
  }
  return ok(out);
}

/** Adds a table at the end of the list. */
export function addTable(
  control: Y.Doc,
  input: TableInput,
  origin: DocOrigin = LOCAL_ORIGIN
): Result<TableId, CommandError> {
  const v = validateTable(control, { ...input, title: input.title ?? '' });
  if (!v.ok) return v;
  const id = newTableId();
  control.transact(() => {
    createEntity(writableRoot(control, ROOT.tables), id, {
      [TABLE.title]: v.value.title ?? '',
      [TABLE.question]: v.value.question ?? '',
      [TABLE.host]: v.value.host ?? '',
      [TABLE.fieldId]: v.value.fieldId ?? null,
      [TABLE.order]: keyAfter(readTables(control).map((t) => t.order)),
      [TABLE.createdAt]: Date.now()
    });
  }, origin);
  return ok(id);
}

/** Changes only the given properties, so concurrent edits of other properties survive. */
export function updateTable(
  control: Y.Doc,
  id: TableId,
  patch: Partial<TableInput>,
  origin: DocOrigin = LOCAL_ORIGIN
): Result<void, CommandError> {
  const m = entityIn(control, ROOT.tables, id);
  if (!m) return err('notFound');
  const v = validateTable(control, patch);
  if (!v.ok) return v;
  control.transact(() => {
    for (const key of ['title', 'question', 'host', 'fieldId'] as const) {
      if (v.value[key] !== undefined) setIfChanged(m, TABLE[key], v.value[key]);
    }
  }, origin);
  return ok(undefined);
}

/** Removes a table. Its ideas stay in the shared document (hidden, restorable); no cross-doc delete. */
export function removeTable(
  control: Y.Doc,
  id: TableId,
  origin: DocOrigin = LOCAL_ORIGIN
): Result<void, CommandError> {
  if (!entityIn(control, ROOT.tables, id)) return err('notFound');
  control.transact(() => writableRoot(control, ROOT.tables).delete(id), origin);
  return ok(undefined);
}

export function moveTable(
  control: Y.Doc,
  id: TableId,
  toIndex: number,
  origin: DocOrigin = LOCAL_ORIGIN
): Result<void, CommandError> {
  if (!Number.isFinite(toIndex)) return err('invalidPosition');
  if (!entityIn(control, ROOT.tables, id)) return err('notFound');
  const changes = planMove(readTables(control), id, toIndex);
  if (changes.size === 0) return ok(undefined);
  control.transact(() => {
    for (const [tid, order] of changes) entityIn(control, ROOT.tables, tid)?.set(TABLE.order, order);
  }, origin);
  return ok(undefined);
}
