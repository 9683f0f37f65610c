// CSV per entity for German Excel, the way initiatives are exported (model/initiative-csv.ts): UTF-8 with
// BOM, `;` separator, CRLF, every cell quoted, German column names, and every text cell a spreadsheet
// would run as a formula (`=`, `+`, `-`, `@`, tab, CR at the start) made inert with a leading apostrophe.
// Initiatives reuse initiativesToCsv; ideas (with their vote points), plans and steps are made here.

import Papa from 'papaparse';
import { initiativesToCsv, neutraliseCell } from '../model/initiative-csv';
import type { Plan } from '../model';
import { germanDate, germanTime, PLAN_STATUS_DE } from './labels';
import type { ConferenceExport } from './snapshot';

export const CSV_ENTITIES = ['initiatives', 'ideas', 'plans', 'steps'] as const;
export type CsvEntity = (typeof CSV_ENTITIES)[number];
export const isCsvEntity = (v: unknown): v is CsvEntity => CSV_ENTITIES.includes(v as CsvEntity);

/** Header and rows as German-Excel CSV; text cells neutralised, numbers written as they are. */
export function toExcelCsv(headers: readonly string[], rows: readonly (string | number)[][]): string {
  const data = rows.map((r) => r.map((c) => (typeof c === 'number' ? String(c) : neutraliseCell(c))));
  const csv = Papa.unparse({ fields: [...headers], data }, { delimiter: ';', newline: '\r\n', quotes: true });
  return `\uFEFF${csv}\r\n`;
}

const names = <T extends { id: string }>(list: readonly T[], name: (t: T) => string) =>
  new Map(list.map((t) => [t.id, name(t)]));

/** Every idea with its table, cluster and the points it got in the table's votes on ideas. */
export function ideasToCsv(data: ConferenceExport): string {
  const tables = names(data.tables, (t) => t.title);
  const clusters = names(data.clusters, (c) => c.name);
  const points = new Map<string, number>();
  for (const vote of data.votes)
    if (vote.target === 'ideas')
      for (const r of vote.result.ranking) points.set(r.id, (points.get(r.id) ?? 0) + r.points);
  const rows = data.ideas
    .filter((i) => tables.has(i.tableId))
    .map((i) => [
      tables.get(i.tableId) ?? '',
      i.text,
      i.author,
      (i.placement?.cluster && clusters.get(i.placement.cluster)) || '',
      points.get(i.id) ?? 0,
      germanTime(i.createdAt),
      i.hidden?.reason ?? ''
    ]);
  return toExcelCsv(
    ['Thementisch', 'Idee', 'Von', 'Cluster', 'Punkte', 'Erstellt', 'Ausgeblendet (Grund)'],
    rows
  );
}

const partnerNames = (plan: Plan, initiatives: ReadonlyMap<string, string>): string =>
  [
    ...plan.partners.flatMap((id) => initiatives.get(id) ?? []),
    ...(plan.partnersText ? [plan.partnersText] : [])
  ].join('; ');

export function plansToCsv(data: ConferenceExport): string {
  const fields = names(data.fields, (f) => f.name);
  const initiatives = names(data.initiatives, (i) => i.name);
  const rows = data.plans.map((p) => [
    p.title,
    (p.fieldId && fields.get(p.fieldId)) || '',
    PLAN_STATUS_DE[p.status],
    p.goal,
    p.resources,
    partnerNames(p, initiatives),
    p.contact,
    p.origin.title,
    p.steps.filter((s) => s.done).length,
    p.steps.length,
    p.notes.map((n) => n.text).join('\n\n')
  ]);
  return toExcelCsv(
    [
      'Aktionsplan',
      'Handlungsfeld',
      'Status',
      'Ziel',
      'Ressourcen',
      'Partner',
      'Kontakt',
      'Herkunft',
      'Schritte erledigt',
      'Schritte',
      'Notizen'
    ],
    rows
  );
}

export function stepsToCsv(data: ConferenceExport): string {
  const rows = data.plans.flatMap((p) =>
    p.steps.map((s) => [p.title, s.text, s.who, germanDate(s.due), s.done ? 'ja' : 'nein'])
  );
  return toExcelCsv(['Aktionsplan', 'Schritt', 'Wer', 'Bis', 'Erledigt'], rows);
}

export function entityToCsv(data: ConferenceExport, entity: CsvEntity): string {
  if (entity === 'ideas') return ideasToCsv(data);
  if (entity === 'plans') return plansToCsv(data);
  if (entity === 'steps') return stepsToCsv(data);
  const visible = data.initiatives.filter((i) => !i.hidden).map((i) => ({ ...i, ownerTag: '' }));
  return initiativesToCsv(visible, data.fields);
}
