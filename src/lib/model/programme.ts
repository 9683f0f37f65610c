// The programme (agenda) of a conference as plain data: items per day in a facilitator-chosen order, each
// with a duration and, optionally, a fixed start. Times follow from the order: an item begins at its fixed
// start or where the one before it ends, so reordering and lengthening never need a second write and two
// facilitators' concurrent moves and retimes always describe one consistent day. "Now" is whatever a
// facilitator started (the run); "next" is the item after it.

import type { ItemId } from './ids';

export type ItemKind = 'arrival' | 'welcome' | 'talk' | 'tables' | 'harvest' | 'break' | 'closing' | 'method';
export const ITEM_KINDS: readonly ItemKind[] = [
  'arrival',
  'welcome',
  'talk',
  'tables',
  'harvest',
  'break',
  'closing',
  'method'
];

export const isItemKind = (v: unknown): v is ItemKind => ITEM_KINDS.includes(v as ItemKind);

/** Limits of programme values: texts in code units, times in minutes. */
export const PROGRAMME_LIMITS = Object.freeze({
  title: 120,
  speaker: 80,
  room: 60,
  responsible: 60,
  link: 300,
  /** Days are numbered 0 … maxDay from the conference's start date. */
  maxDay: 13,
  minDuration: 1,
  maxDuration: 720,
  /** A fixed start is a minute of the day, 0 … 1439. */
  lastMinute: 24 * 60 - 1
});

/** Where a day begins when its first item has no fixed start. */
export const DEFAULT_DAY_START = 9 * 60;

export interface ProgrammeItem {
  id: ItemId;
  /** 0 = the conference's first day. */
  day: number;
  order: string;
  kind: ItemKind;
  title: string;
  /** Impulsvortrag: who speaks; '' otherwise. */
  speaker: string;
  /** An optional http(s) link (slides, the speaker's page); '' for none. */
  link: string;
  room: string;
  /** The person responsible. */
  responsible: string;
  /** Minutes. */
  duration: number;
  /** Minute of the day this item must begin at, or null to follow the item before. */
  fixedStart: number | null;
  /** The Werkzeugkasten method this item came from, or ''. */
  method: string;
}

export interface ScheduledItem extends ProgrammeItem {
  /** Minutes of the day. */
  start: number;
  end: number;
  /** Its fixed start lies before the previous item ends (a facilitator should shift or shorten). */
  overlap: boolean;
}

export interface ProgrammeDay {
  day: number;
  items: ScheduledItem[];
}

/** Who started which item when; `itemId` null = the programme is not running. */
export interface ProgrammeRun {
  itemId: ItemId | null;
  /** Milliseconds since the epoch, or null. */
  startedAt: number | null;
}

/** Items in display order (day, order key, id), with their times. */
export function schedule(items: readonly ProgrammeItem[]): ProgrammeDay[] {
  const byDay = new Map<number, ProgrammeItem[]>();
  for (const item of items) {
    const list = byDay.get(item.day) ?? [];
    list.push(item);
    byDay.set(item.day, list);
  }
  return [...byDay.keys()]
    .sort((a, b) => a - b)
    .map((day) => {
      const sorted = (byDay.get(day) ?? []).sort(compareItems);
      let prevEnd: number | null = null;
      const out: ScheduledItem[] = [];
      for (const item of sorted) {
        const start: number = item.fixedStart ?? prevEnd ?? DEFAULT_DAY_START;
        const overlap = prevEnd !== null && item.fixedStart !== null && item.fixedStart < prevEnd;
        const end: number = start + item.duration;
        out.push({ ...item, start, end, overlap });
        prevEnd = end;
      }
      return { day, items: out };
    });
}

export function compareItems(a: ProgrammeItem, b: ProgrammeItem): number {
  if (a.day !== b.day) return a.day - b.day;
  if (a.order !== b.order) return a.order < b.order ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export interface NowNext {
  now: ScheduledItem | null;
  next: ScheduledItem | null;
  /** Milliseconds until `now` is planned to end (negative: running over), or null when nothing runs. */
  remainingMs: number | null;
}

/** What runs now (the started item, if it still exists) and what comes after it in the programme. */
export function nowAndNext(days: readonly ProgrammeDay[], run: ProgrammeRun, nowMs: number): NowNext {
  const flat = days.flatMap((d) => d.items);
  const index = run.itemId === null ? -1 : flat.findIndex((i) => i.id === run.itemId);
  if (index < 0) return { now: null, next: flat[0] ?? null, remainingMs: null };
  const now = flat[index] as ScheduledItem;
  // Never more than the whole duration: another device's clock may run a little behind the starter's.
  const full = now.duration * 60_000;
  const remainingMs = run.startedAt === null ? null : Math.min(full, run.startedAt + full - nowMs);
  return { now, next: flat[index + 1] ?? null, remainingMs };
}

/** `HH:MM` for a minute of the day (times past midnight wrap). */
export function formatMinutes(minutes: number): string {
  const m = ((Math.round(minutes) % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** Parses `H:MM` / `HH:MM` into a minute of the day, or null. */
export function parseMinutes(text: string): number | null {
  const match = /^\s*(\d{1,2})[:.](\d{2})\s*$/.exec(text);
  if (!match) return null;
  const h = Number(match[1]);
  const min = Number(match[2]);
  return h < 24 && min < 60 ? h * 60 + min : null;
}

/** An item of a template (a method card or a whole conference), before it gets an id and order key. */
export interface TemplateItem {
  day?: number;
  kind: ItemKind;
  title: string;
  duration: number;
  fixedStart?: number | null;
  speaker?: string;
  room?: string;
  method?: string;
}

/** The calendar date of programme day `day`, counted from the conference's start date; null without one. */
export function dateOfDay(startDate: string | null, day: number): string | null {
  if (!startDate) return null;
  const [y, m, d] = startDate.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + day)).toISOString().slice(0, 10);
}
