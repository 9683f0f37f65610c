// Commands on the control document's conference info and Handlungsfelder. Each runs as one transaction
// with a typed origin and returns a Result; text is validated and cleaned before it is written.

import type * as Y from 'yjs';
import {
  DEFAULT_FIELDS,
  err,
  LIMITS,
  newFieldId,
  ok,
  validateDate,
  validateText,
  type CommandError,
  type ConferenceInfo,
  type DefaultField,
  type FieldId,
  type Result
} from '../model';
import { LOCAL_ORIGIN, type DocOrigin } from './origin';
import { keyAfter, planMove } from './order';
import { readConference, readFields } from './read';
import { CONFERENCE, FIELD, META, ROOT, TABLE } from './schema';
import { createEntity, entityIn, setIfChanged, stampVersion, writableRoot } from './write';

export type InfoPatch = Partial<ConferenceInfo>;
type InitError = CommandError | 'alreadyInitialized';

function validateInfo(patch: InfoPatch, current: ConferenceInfo): Result<InfoPatch, CommandError> {
  const out: InfoPatch = {};
  const texts = [
    ['title', LIMITS.conferenceTitle, true],
    ['region', LIMITS.region, false],
    ['venue', LIMITS.venue, false]
  ] as const;
  for (const [key, max, required] of texts) {
    if (patch[key] === undefined) continue;
    const r = validateText(patch[key], { max, required, singleLine: true });
    if (!r.ok) return err(r.error, key);
    out[key] = r.value;
  }
  for (const key of ['startDate', 'endDate'] as const) {
    if (patch[key] === undefined) continue;
    const r = validateDate(patch[key]);
    if (!r.ok) return err(r.error, key);
    out[key] = r.value;
  }
  const start = out.startDate !== undefined ? out.startDate : current.startDate;
  const end = out.endDate !== undefined ? out.endDate : current.endDate;
  if (start && end && end < start) return err('dateOrder', 'endDate');
  return ok(out);
}

function writeInfo(control: Y.Doc, info: InfoPatch): void {
  const m = writableRoot(control, ROOT.conference);
  for (const key of Object.keys(CONFERENCE) as (keyof ConferenceInfo)[]) {
    if (info[key] !== undefined) setIfChanged(m, CONFERENCE[key], info[key]);
  }
}

/** Sets up a new conference: info, the Handlungsfelder (defaults unless given) and the schema version. */
export function initConference(
  control: Y.Doc,
  info: InfoPatch & { title: string },
  fields: readonly DefaultField[] = DEFAULT_FIELDS,
  origin: DocOrigin = LOCAL_ORIGIN
): Result<void, InitError> {
  if (writableRoot(control, ROOT.meta).get(META.schemaVersion) !== undefined)
    return err('alreadyInitialized');
  const v = validateInfo(info, readConference(control));
  if (!v.ok) return v;
  const names: { name: string; crossCutting: boolean }[] = [];
  for (const f of fields) {
    const r = validateText(f.name, { max: LIMITS.fieldName, required: true, singleLine: true });
    if (!r.ok) return err(r.error, 'fields');
    names.push({ name: r.value, crossCutting: f.crossCutting });
  }
  control.transact(() => {
    stampVersion(control);
    writeInfo(control, v.value);
    const root = writableRoot(control, ROOT.fields);
    const keys: string[] = [];
    for (const f of names) {
      const order = keyAfter(keys);
      keys.push(order);
      createEntity(root, newFieldId(), {
        [FIELD.name]: f.name,
        [FIELD.crossCutting]: f.crossCutting,
        [FIELD.order]: order
      });
    }
  }, origin);
  return ok(undefined);
}

export function updateConferenceInfo(
  control: Y.Doc,
  patch: InfoPatch,
  origin: DocOrigin = LOCAL_ORIGIN
): Result<void, CommandError> {
  const v = validateInfo(patch, readConference(control));
  if (!v.ok) return v;
  control.transact(() => writeInfo(control, v.value), origin);
  return ok(undefined);
}

export interface FieldInput {
  name: string;
  crossCutting?: boolean;
}

export function addField(
  control: Y.Doc,
  input: FieldInput,
  origin: DocOrigin = LOCAL_ORIGIN
): Result<FieldId, CommandError> {
  const r = validateText(input.name, { max: LIMITS.fieldName, required: true, singleLine: true });
  if (!r.ok) return err(r.error, 'name');
  const id = newFieldId();
  control.transact(() => {
    const order = keyAfter(readFields(control).map((f) => f.order));
    createEntity(writableRoot(control, ROOT.fields), id, {
      [FIELD.name]: r.value,
      [FIELD.crossCutting]: input.crossCutting === true,
      [FIELD.order]: order
    });
  }, origin);
  return ok(id);
}

export function updateField(
  control: Y.Doc,
  id: FieldId,
  patch: Partial<FieldInput>,
  origin: DocOrigin = LOCAL_ORIGIN
): Result<void, CommandError> {
  const m = entityIn(control, ROOT.fields, id);
  if (!m) return err('notFound');
  let name: string | undefined;
  if (patch.name !== undefined) {
    const r = validateText(patch.name, { max: LIMITS.fieldName, required: true, singleLine: true });
    if (!r.ok) return err(r.error, 'name');
    name = r.value;
  }
  control.transact(() => {
    if (name !== undefined) setIfChanged(m, FIELD.name, name);
    if (patch.crossCutting !== undefined) setIfChanged(m, FIELD.crossCutting, patch.crossCutting);
  }, origin);
  return ok(undefined);
}

export const renameField = (control: Y.Doc, id: FieldId, name: string, origin: DocOrigin = LOCAL_ORIGIN) =>
  updateField(control, id, { name }, origin);

/** Removes a field; its tables keep existing and belong to no field. */
export function removeField(
  control: Y.Doc,
  id: FieldId,
  origin: DocOrigin = LOCAL_ORIGIN
): Result<void, CommandError> {
  const fields = writableRoot(control, ROOT.fields);
  if (!entityIn(control, ROOT.fields, id)) return err('notFound');
  control.transact(() => {
    fields.delete(id);
    writableRoot(control, ROOT.tables).forEach((value, key) => {
      const table = entityIn(control, ROOT.tables, key);
      if (table && table.get(TABLE.fieldId) === id) table.set(TABLE.fieldId, null);
    });
  }, origin);
  return ok(undefined);
}

/** Moves a field to position `toIndex` of the sorted list (clamped to the ends). */
export function moveField(
  control: Y.Doc,
  id: FieldId,
  toIndex: number,
  origin: DocOrigin = LOCAL_ORIGIN
): Result<void, CommandError> {
  if (!Number.isFinite(toIndex)) return err('invalidPosition');
  if (!entityIn(control, ROOT.fields, id)) return err('notFound');
  const changes = planMove(readFields(control), id, toIndex);
  if (changes.size === 0) return ok(undefined);
  control.transact(() => {
    for (const [fid, order] of changes) entityIn(control, ROOT.fields, fid)?.set(FIELD.order, order);
  }, origin);
  return ok(undefined);
}
