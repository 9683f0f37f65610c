// Commands on the programme (control doc, written by facilitators only). One transaction each, typed
// origin, Result back. Items live in a map keyed by id with a fractional order key per day, so concurrent
// moves by two facilitators never duplicate or lose an item; times follow from order and durations
// (model/programme.ts), so a retime is one property write.

import type * as Y from 'yjs';
import {
  err,
  isItemKind,
  newItemId,
  ok,
  PROGRAMME_LIMITS as L,
  validateText,
  type CommandError,
  type ItemId,
  type ItemKind,
  type ProgrammeItem,
  type Result,
  type TemplateItem
} from '../model';
import { POLICY_KEYS } from '../model/policy';
import { LOCAL_ORIGIN, type DocOrigin } from './origin';
import { keyAfter, planMove } from './order';
import { isHttpLink, readProgramme, readProgrammeItem } from './read-programme';
import { ITEM, ROOT, RUN } from './schema';
import { createEntity, entityIn, setIfChanged, writableRoot } from './write';

export interface ItemInput {
  kind: ItemKind;
  title?: string;
  speaker?: string;
  link?: string;
  room?: string;
  responsible?: string;
  duration: number;
  fixedStart?: number | null;
  day?: number;
  method?: string;
}

type Clean = Partial<Omit<ProgrammeItem, 'id' | 'order'>>;

const inRange = (v: unknown, min: number, max: number): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

function validateItem(input: Partial<ItemInput>): Result<Clean, CommandError> {
  const out: Clean = {};
  if (input.kind !== undefined) {
    if (!isItemKind(input.kind)) return err('invalidKind', 'kind');
    out.kind = input.kind;
  }
  const texts = [
    ['title', L.title],
    ['speaker', L.speaker],
    ['room', L.room],
    ['responsible', L.responsible],
    ['link', L.link],
    ['method', 64]
  ] as const;
  for (const [key, max] of texts) {
    if (input[key] === undefined) continue;
    const r = validateText(input[key], { max, singleLine: true });
    if (!r.ok) return err(r.error, key);
    out[key] = r.value;
  }
  if (out.link && !isHttpLink(out.link)) return err('invalidLink', 'link');
  if (input.duration !== undefined) {
    if (!inRange(input.duration, L.minDuration, L.maxDuration)) return err('invalidTime', 'duration');
    out.duration = input.duration;
  }
  if (input.fixedStart !== undefined) {
    if (input.fixedStart !== null && !inRange(input.fixedStart, 0, L.lastMinute))
      return err('invalidTime', 'fixedStart');
    out.fixedStart = input.fixedStart;
  }
  if (input.day !== undefined) {
    if (!inRange(input.day, 0, L.maxDay)) return err('invalidTime', 'day');
    out.day = input.day;
  }
  return ok(out);
}

const orderKeysOfDay = (control: Y.Doc, day: number): string[] =>
  readProgramme(control)
    .filter((i) => i.day === day)
    .map((i) => i.order);

function writeNew(control: Y.Doc, v: Clean, order: string): ItemId {
  const id = newItemId();
  createEntity(writableRoot(control, ROOT.programme), id, {
    [ITEM.day]: v.day ?? 0,
    [ITEM.order]: order,
    [ITEM.kind]: v.kind ?? 'method',
    [ITEM.title]: v.title ?? '',
    [ITEM.speaker]: v.speaker ?? '',
    [ITEM.link]: v.link ?? '',
    [ITEM.room]: v.room ?? '',
    [ITEM.responsible]: v.responsible ?? '',
    [ITEM.duration]: v.duration ?? 30,
    [ITEM.fixedStart]: v.fixedStart ?? null,
    [ITEM.method]: v.method ?? ''
  });
  return id;
}

/** Adds an item at the end of its day. */
export function addProgrammeItem(
  control: Y.Doc,
  input: ItemInput,
  origin: DocOrigin = LOCAL_ORIGIN
): Result<ItemId, CommandError> {
  const v = validateItem(input);
  if (!v.ok) return v;
  let id = '' as ItemId;
  control.transact(() => {
    id = writeNew(control, v.value, keyAfter(orderKeysOfDay(control, v.value.day ?? 0)));
  }, origin);
  return ok(id);
}

/** Changes only the given properties (a move to another day goes through moveProgrammeItem). */
export function updateProgrammeItem(
  control: Y.Doc,
  id: ItemId,
  patch: Partial<Omit<ItemInput, 'day'>>,
  origin: DocOrigin = LOCAL_ORIGIN
): Result<void, CommandError> {
  const m = entityIn(control, ROOT.programme, id);
  if (!m) return err('notFound');
  const v = validateItem(patch);
  if (!v.ok) return v;
  control.transact(() => {
    for (const [key, value] of Object.entries(v.value)) {
      if (key !== 'day') setIfChanged(m, ITEM[key as keyof typeof ITEM], value);
    }
  }, origin);
  return ok(undefined);
}

export function removeProgrammeItem(
  control: Y.Doc,
  id: ItemId,
  origin: DocOrigin = LOCAL_ORIGIN
): Result<void, CommandError> {
  if (!entityIn(control, ROOT.programme, id)) return err('notFound');
  control.transact(() => writableRoot(control, ROOT.programme).delete(id), origin);
  return ok(undefined);
}

/** Puts the item at `toIndex` (clamped) of day `day`'s items; its time follows from its new place. */
export function moveProgrammeItem(
  control: Y.Doc,
  id: ItemId,
  day: number,
  toIndex: number,
  origin: DocOrigin = LOCAL_ORIGIN
): Result<void, CommandError> {
  if (!Number.isFinite(toIndex)) return err('invalidPosition');
  if (!inRange(day, 0, L.maxDay)) return err('invalidTime', 'day');
  const item = readProgrammeItem(control, id);
  if (!item) return err('notFound');
  const list = readProgramme(control).filter((i) => i.day === day || i.id === id);
  const changes = planMove(list, id, toIndex);
  if (changes.size === 0 && item.day === day) return ok(undefined);
  control.transact(() => {
    for (const [iid, order] of changes) entityIn(control, ROOT.programme, iid)?.set(ITEM.order, order);
    setIfChanged(entityIn(control, ROOT.programme, id) as Y.Map<unknown>, ITEM.day, day);
  }, origin);
  return ok(undefined);
}

/**
 * The item runs over (or is shortened): its duration changes by `minutes` and every later item of its day
 * with a fixed start moves by as much, in one transaction, so the rest of the day shifts together.
 */
export function shiftFrom(
  control: Y.Doc,
  id: ItemId,
  minutes: number,
  origin: DocOrigin = LOCAL_ORIGIN
): Result<void, CommandError> {
  if (!Number.isInteger(minutes) || minutes === 0 || Math.abs(minutes) > 240) return err('invalidTime');
  const items = readProgramme(control);
  const index = items.findIndex((i) => i.id === id);
  const item = items[index];
  if (!item) return err('notFound');
  const duration = item.duration + minutes;
  if (!inRange(duration, L.minDuration, L.maxDuration)) return err('invalidTime', 'duration');
  const later = items.slice(index + 1).filter((i) => i.day === item.day && i.fixedStart !== null);
  control.transact(() => {
    entityIn(control, ROOT.programme, id)?.set(ITEM.duration, duration);
    for (const l of later) {
      const start = Math.min(L.lastMinute, Math.max(0, (l.fixedStart ?? 0) + minutes));
      entityIn(control, ROOT.programme, l.id)?.set(ITEM.fixedStart, start);
    }
  }, origin);
  return ok(undefined);
}

/**
 * Starts an item: it is "now" on every screen from `at` on. Starting a Thementische item opens the round
 * (participants may write again) in the same transaction.
 */
export function startProgrammeItem(
  control: Y.Doc,
  id: ItemId,
  at: number,
  origin: DocOrigin = LOCAL_ORIGIN
): Result<void, CommandError> {
  const item = readProgrammeItem(control, id);
  if (!item) return err('notFound');
  control.transact(() => {
    writableRoot(control, ROOT.run).set(RUN.current, { [RUN.itemId]: id, [RUN.startedAt]: at });
    if (item.kind === 'tables') setIfChanged(writableRoot(control, ROOT.policy), POLICY_KEYS.locked, false);
  }, origin);
  return ok(undefined);
}

/** Ends the run: nothing is "now" any more. */
export function stopProgramme(control: Y.Doc, origin: DocOrigin = LOCAL_ORIGIN): Result<void, CommandError> {
  control.transact(() => writableRoot(control, ROOT.run).delete(RUN.current), origin);
  return ok(undefined);
}

/**
 * Adds a template's items (a method card or a whole conference) after the existing items of each day,
 * template day 0 landing on `startDay`. All or nothing: one invalid item adds none.
 */
export function applyTemplate(
  control: Y.Doc,
  items: readonly TemplateItem[],
  startDay = 0,
  origin: DocOrigin = LOCAL_ORIGIN
): Result<ItemId[], CommandError> {
  const cleaned: Clean[] = [];
  for (const t of items) {
    const v = validateItem({ ...t, day: startDay + (t.day ?? 0) });
    if (!v.ok) return v;
    cleaned.push(v.value);
  }
  const ids: ItemId[] = [];
  control.transact(() => {
    const last = new Map<number, string[]>();
    for (const v of cleaned) {
      const day = v.day ?? 0;
      const keys = last.get(day) ?? orderKeysOfDay(control, day);
      const order = keyAfter(keys);
      ids.push(writeNew(control, v, order));
      last.set(day, [...keys, order]);
    }
  }, origin);
  return ok(ids);
}
