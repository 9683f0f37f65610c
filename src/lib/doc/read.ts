// Typed reads. Remote data is distrusted until read through here: an entry that is not a nested map or has
// an unusable id is skipped, a property of the wrong type is defaulted, every string is cleaned again.
// Lists are sorted deterministically (order key then id; ideas by createdAt then id).

import type * as Y from 'yjs';
import {
  cleanText,
  isEntityId,
  isIsoDate,
  LIMITS,
  type ConferenceInfo,
  type Field,
  type FieldId,
  type Idea,
  type IdeaId,
  type Table,
  type TableId
} from '../model';
import { compareOrdered } from './order';
import { asEntity, CONFERENCE, FIELD, IDEA, ROOT, rootMap, TABLE, type YEntity } from './schema';

const text = (m: Y.Map<unknown>, key: string, max: number, singleLine = true): string =>
  cleanText(typeof m.get(key) === 'string' ? m.get(key) : '', max, { singleLine });

const orderOf = (m: YEntity): string => {
  const v = m.get(FIELD.order);
  return typeof v === 'string' ? v : '';
};

const timeOf = (m: YEntity, key: string): number => {
  const v = m.get(key);
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
};

const OWNER_TAG = /^[A-Za-z0-9_-]{1,32}$/;
const ownerTagOf = (m: YEntity): string => {
  const v = m.get(IDEA.ownerTag);
  return typeof v === 'string' && OWNER_TAG.test(v) ? v : '';
};

const dateOf = (m: Y.Map<unknown>, key: string): string | null => {
  const v = m.get(key);
  return isIsoDate(v) ? v : null;
};

function entities(doc: Y.Doc, root: string): [string, YEntity][] {
  const map = rootMap(doc, root);
  if (!map) return [];
  const out: [string, YEntity][] = [];
  map.forEach((value, key) => {
    const entity = asEntity(value);
    if (entity && isEntityId(key)) out.push([key, entity]);
  });
  return out;
}

export function readConference(control: Y.Doc): ConferenceInfo {
  const m = rootMap(control, ROOT.conference);
  if (!m) return { title: '', region: '', startDate: null, endDate: null, venue: '' };
  return {
    title: text(m, CONFERENCE.title, LIMITS.conferenceTitle),
    region: text(m, CONFERENCE.region, LIMITS.region),
    startDate: dateOf(m, CONFERENCE.startDate),
    endDate: dateOf(m, CONFERENCE.endDate),
    venue: text(m, CONFERENCE.venue, LIMITS.venue)
  };
}

export function readFields(control: Y.Doc): Field[] {
  return entities(control, ROOT.fields)
    .map(([id, m]) => ({
      id: id as FieldId,
      name: text(m, FIELD.name, LIMITS.fieldName),
      crossCutting: m.get(FIELD.crossCutting) === true,
      order: orderOf(m)
    }))
    .sort(compareOrdered);
}

function tableFrom(id: string, m: YEntity, fieldIds: ReadonlySet<string>): Table {
  const fieldId = m.get(TABLE.fieldId);
  return {
    id: id as TableId,
    title: text(m, TABLE.title, LIMITS.tableTitle),
    question: text(m, TABLE.question, LIMITS.question, false),
    host: text(m, TABLE.host, LIMITS.host),
    // A table whose field was removed (perhaps concurrently) belongs to no field.
    fieldId: typeof fieldId === 'string' && fieldIds.has(fieldId) ? (fieldId as FieldId) : null,
    order: orderOf(m),
    createdAt: timeOf(m, TABLE.createdAt)
  };
}

const fieldIdSet = (control: Y.Doc): Set<string> => new Set(entities(control, ROOT.fields).map(([id]) => id));

export function readTables(control: Y.Doc): Table[] {
  const fieldIds = fieldIdSet(control);
  return entities(control, ROOT.tables)
    .map(([id, m]) => tableFrom(id, m, fieldIds))
    .sort(compareOrdered);
}

export function readTable(control: Y.Doc, id: TableId): Table | null {
  const m = asEntity(rootMap(control, ROOT.tables)?.get(id));
  return m && isEntityId(id) ? tableFrom(id, m, fieldIdSet(control)) : null;
}

function ideaFrom(id: string, m: YEntity): Idea | null {
  const tableId = m.get(IDEA.tableId);
  if (!isEntityId(tableId)) return null; // an idea that belongs nowhere cannot be shown
  return {
    id: id as IdeaId,
    tableId: tableId as TableId,
    text: text(m, IDEA.text, LIMITS.ideaText, false),
    author: text(m, IDEA.author, LIMITS.name),
    createdAt: timeOf(m, IDEA.createdAt),
    ownerTag: ownerTagOf(m)
  };
}

/** The order of ideas: oldest first (createdAt), ties broken by id. */
export const compareIdeas = (a: Idea, b: Idea): number =>
  a.createdAt !== b.createdAt ? a.createdAt - b.createdAt : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/** Ideas of one table, or of all tables when `tableId` is omitted, oldest first. */
export function readIdeas(shared: Y.Doc, tableId?: TableId): Idea[] {
  const out: Idea[] = [];
  for (const [id, m] of entities(shared, ROOT.ideas)) {
    const idea = ideaFrom(id, m);
    if (idea && (tableId === undefined || idea.tableId === tableId)) out.push(idea);
  }
  return out.sort(compareIdeas);
}

export function readIdea(shared: Y.Doc, id: IdeaId): Idea | null {
  const m = asEntity(rootMap(shared, ROOT.ideas)?.get(id));
  return m && isEntityId(id) ? ideaFrom(id, m) : null;
}

/** Number of (readable) ideas per table id; tables without ideas are absent. */
export function countIdeasByTable(shared: Y.Doc): Map<TableId, number> {
  const counts = new Map<TableId, number>();
  for (const [id, m] of entities(shared, ROOT.ideas)) {
    const idea = ideaFrom(id, m);
    if (idea) counts.set(idea.tableId, (counts.get(idea.tableId) ?? 0) + 1);
  }
  return counts;
}
