// Words for the programme's codes: item kinds, days, times left. One typed table, like labels.ts.
import type { ItemKind } from '../model';
import { dateOfDay } from '../model';
import { formatIsoDate } from './format';
import { m } from './index.svelte';

const KIND: Record<ItemKind, () => string> = {
  arrival: () => m.programme_kind_arrival(),
  welcome: () => m.programme_kind_welcome(),
  talk: () => m.programme_kind_talk(),
  tables: () => m.programme_kind_tables(),
  harvest: () => m.programme_kind_harvest(),
  break: () => m.programme_kind_break(),
  closing: () => m.programme_kind_closing(),
  method: () => m.programme_kind_method()
};

export const itemKindLabel = (kind: ItemKind): string => KIND[kind]();

/** „Tag 1 · Sa., 14. März 2026“, or „Tag 1“ without a start date. */
export function dayLabel(startDate: string | null, day: number): string {
  const date = dateOfDay(startDate, day);
  const n = m.programme_day({ n: day + 1 });
  return date ? `${n} · ${formatIsoDate(date)}` : n;
}

/** „noch 12 Min.“ / „3 Min. überzogen“, rounded up to whole minutes. */
export function remainingLabel(ms: number): string {
  const minutes = Math.ceil(Math.abs(ms) / 60_000);
  return ms >= 0 ? m.programme_left({ minutes }) : m.programme_over({ minutes });
}
