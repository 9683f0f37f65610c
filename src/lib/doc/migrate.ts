// Schema migrations, run on load (after local persistence has synced, by a role that may write the doc).
//
// v0 was the prototype layout (see README.md): control held `conference` with a single `date` and the
// Handlungsfelder as a plain JSON array under `conference.fields`, tables as plain objects in the Y.Array
// `tableList`; shared held ideas as plain objects in the Y.Array `ideaList`. v1 keeps every entity as a
// nested Y.Map keyed by id with a fractional order key.
//
// Migrations are deterministic (ids come from the old data, order keys from positions), so two replicas
// that migrate the same v0 doc concurrently write the same keys and converge without duplicates.

import * as Y from 'yjs';
import { generateNKeysBetween } from 'fractional-indexing';
import { cleanText, isEntityId, isIsoDate, LIMITS } from '../model';
import { MigrationOrigin } from './origin';
import {
  CONFERENCE,
  FIELD,
  IDEA,
  kindOfDoc,
  META,
  readSchemaVersion,
  ROOT,
  rootMap,
  SCHEMA_VERSION,
  TABLE,
  type DocKind
} from './schema';
import { createEntity, writableRoot } from './write';

export const V0 = Object.freeze({
  date: 'date',
  fields: 'fields',
  tableList: 'tableList',
  ideaList: 'ideaList'
});

export type MigrationResult =
  | { status: 'empty' | 'current' }
  | { status: 'migrated'; from: number; to: number }
  /** Written by a newer app: leave it alone, reads stay tolerant; the UI may suggest an update. */
  | { status: 'newer'; version: number };

type Plain = Record<string, unknown>;
const isPlain = (v: unknown): v is Plain => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (o: Plain, key: string, max: number, singleLine = true): string =>
  cleanText(typeof o[key] === 'string' ? o[key] : '', max, { singleLine });
const time = (o: Plain, key: string): number =>
  typeof o[key] === 'number' && Number.isFinite(o[key]) ? o[key] : 0;

function hasV0Data(doc: Y.Doc, kind: DocKind): boolean {
  if (kind === 'shared') return doc.share.has(V0.ideaList);
  const conference = rootMap(doc, ROOT.conference);
  return (
    doc.share.has(V0.tableList) || conference?.has(V0.fields) === true || conference?.has(V0.date) === true
  );
}

/** Takes the plain entries of a v0 list and empties it. A root defined as another type yields nothing. */
function drainList(doc: Y.Doc, name: string): unknown[] {
  let list: Y.Array<unknown>;
  try {
    list = doc.getArray<unknown>(name);
  } catch {
    return [];
  }
  const items = list.toArray();
  if (list.length > 0) list.delete(0, list.length);
  return items;
}

/** Writes entries with deterministic ids (`v0-<kind>-<index>` where the old id is unusable) and order keys. */
function addEntities(
  root: Y.Map<unknown>,
  prefix: string,
  items: Plain[],
  props: (o: Plain) => Plain,
  ordered: boolean
): void {
  const keys = ordered ? generateNKeysBetween(null, null, items.length) : [];
  items.forEach((o, i) => {
    const id = isEntityId(o.id) ? o.id : `v0-${prefix}-${i}`;
    if (root.has(id)) return;
    createEntity(root, id, ordered ? { ...props(o), order: keys[i] } : props(o));
  });
}

function migrateControlV0(doc: Y.Doc): void {
  const conference = writableRoot(doc, ROOT.conference);
  const date = conference.get(V0.date);
  if (isIsoDate(date)) {
    if (!conference.has(CONFERENCE.startDate)) conference.set(CONFERENCE.startDate, date);
    if (!conference.has(CONFERENCE.endDate)) conference.set(CONFERENCE.endDate, date);
  }
  conference.delete(V0.date);
  const oldFields = conference.get(V0.fields);
  conference.delete(V0.fields);
  const fields = Array.isArray(oldFields) ? oldFields.filter(isPlain) : [];
  addEntities(
    writableRoot(doc, ROOT.fields),
    'field',
    fields,
    (o) => ({
      [FIELD.name]: str(o, 'name', LIMITS.fieldName),
      [FIELD.crossCutting]: o.crossCutting === true
    }),
    true
  );
  const tables = drainList(doc, V0.tableList).filter(isPlain);
  addEntities(
    writableRoot(doc, ROOT.tables),
    'table',
    tables,
    (o) => ({
      [TABLE.title]: str(o, 'title', LIMITS.tableTitle),
      [TABLE.question]: str(o, 'question', LIMITS.question, false),
      [TABLE.host]: str(o, 'host', LIMITS.host),
      [TABLE.fieldId]: isEntityId(o.fieldId) ? o.fieldId : null,
      [TABLE.createdAt]: time(o, 'createdAt')
    }),
    true
  );
}

function migrateSharedV0(doc: Y.Doc): void {
  const ideas = drainList(doc, V0.ideaList)
    .filter(isPlain)
    .filter((o) => isEntityId(o.tableId));
  addEntities(
    writableRoot(doc, ROOT.ideas),
    'idea',
    ideas,
    (o) => ({
      [IDEA.tableId]: o.tableId,
      [IDEA.text]: str(o, 'text', LIMITS.ideaText, false),
      [IDEA.author]: str(o, 'author', LIMITS.name),
      [IDEA.createdAt]: time(o, 'createdAt')
    }),
    false
  );
}

/** Upgrades `doc` to SCHEMA_VERSION in one transaction with a MigrationOrigin. Idempotent. */
export function migrate(doc: Y.Doc, kind: DocKind = kindOfDoc(doc)): MigrationResult {
  const version = readSchemaVersion(doc);
  if (version !== null && version > SCHEMA_VERSION) return { status: 'newer', version };
  if (version === SCHEMA_VERSION) return { status: 'current' };
  if (version === null && !hasV0Data(doc, kind)) return { status: 'empty' };
  const from = version ?? 0;
  doc.transact(
    () => {
      // from === 0 is the only older version so far; later steps chain here (v1→v2, …).
      if (kind === 'control') migrateControlV0(doc);
      else migrateSharedV0(doc);
      writableRoot(doc, ROOT.meta).set(META.schemaVersion, SCHEMA_VERSION);
    },
    new MigrationOrigin(from, SCHEMA_VERSION)
  );
  return { status: 'migrated', from, to: SCHEMA_VERSION };
}
