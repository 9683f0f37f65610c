// Typed reads of the programme (control doc). Like every read, remote data is distrusted: an entry that is
// not a nested map or has no usable id is skipped, values out of range get a safe default, strings are
// cleaned again.

import type * as Y from 'yjs';
import {
  cleanText,
  isEntityId,
  isItemKind,
  PROGRAMME_LIMITS as L,
  type ItemId,
  type ProgrammeItem,
  type ProgrammeRun
} from '../model';
import { compareItems } from '../model/programme';
import { asEntity, ITEM, ROOT, rootMap, RUN, type YEntity } from './schema';

const str = (m: YEntity, key: string, max: number): string =>
  cleanText(typeof m.get(key) === 'string' ? m.get(key) : '', max, { singleLine: true });

const int = (m: YEntity, key: string, min: number, max: number): number | null => {
  const v = m.get(key);
  return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? v : null;
};

export const isHttpLink = (value: string): boolean => {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
};

function itemFrom(id: string, m: YEntity): ProgrammeItem {
  const kind = m.get(ITEM.kind);
  const order = m.get(ITEM.order);
  const link = str(m, ITEM.link, L.link);
  return {
    id: id as ItemId,
    day: int(m, ITEM.day, 0, L.maxDay) ?? 0,
    order: typeof order === 'string' ? order : '',
    kind: isItemKind(kind) ? kind : 'method',
    title: str(m, ITEM.title, L.title),
    speaker: str(m, ITEM.speaker, L.speaker),
    link: isHttpLink(link) ? link : '',
    room: str(m, ITEM.room, L.room),
    responsible: str(m, ITEM.responsible, L.responsible),
    duration: int(m, ITEM.duration, L.minDuration, L.maxDuration) ?? 30,
    fixedStart: int(m, ITEM.fixedStart, 0, L.lastMinute),
    method: str(m, ITEM.method, 64)
  };
}

/** Every programme item, sorted by day, order key, id. */
export function readProgramme(control: Y.Doc): ProgrammeItem[] {
  const map = rootMap(control, ROOT.programme);
  if (!map) return [];
  const out: ProgrammeItem[] = [];
  map.forEach((value, key) => {
    const m = asEntity(value);
    if (m && isEntityId(key)) out.push(itemFrom(key, m));
  });
  return out.sort(compareItems);
}

export function readProgrammeItem(control: Y.Doc, id: ItemId): ProgrammeItem | null {
  const m = asEntity(rootMap(control, ROOT.programme)?.get(id));
  return m && isEntityId(id) ? itemFrom(id, m) : null;
}

/** The running item; anything malformed reads as "not running". */
export function readRun(control: Y.Doc): ProgrammeRun {
  const v = rootMap(control, ROOT.run)?.get(RUN.current);
  if (typeof v !== 'object' || v === null) return { itemId: null, startedAt: null };
  const rec = v as Record<string, unknown>;
  const itemId = rec[RUN.itemId];
  const startedAt = rec[RUN.startedAt];
  if (!isEntityId(itemId)) return { itemId: null, startedAt: null };
  return {
    itemId: itemId as ItemId,
    startedAt: typeof startedAt === 'number' && Number.isFinite(startedAt) ? startedAt : null
  };
}
