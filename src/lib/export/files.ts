// One export as a file: its name, MIME type and text, for the export page's downloads and the command line
// alike. Each format's module is loaded only when asked for (CSV carries papaparse, iCal its generator).

import type { CsvEntity } from './csv';
import type { ConferenceExport } from './snapshot';

export const EXPORT_FORMATS = ['json', 'csv', 'md', 'ics', 'geojson'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const isExportFormat = (v: unknown): v is ExportFormat => EXPORT_FORMATS.includes(v as ExportFormat);

export interface ExportFile {
  name: string;
  mime: string;
  text: string;
}

const MIME: Record<ExportFormat, string> = {
  json: 'application/json',
  csv: 'text/csv;charset=utf-8',
  md: 'text/markdown;charset=utf-8',
  ics: 'text/calendar;charset=utf-8',
  geojson: 'application/geo+json'
};

/** A file name from the conference title: letters, digits and dashes only, never empty. */
export function fileStem(title: string): string {
  const stem = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase()
    .slice(0, 60);
  return stem || 'konferenz';
}

export async function exportFile(
  data: ConferenceExport,
  format: ExportFormat,
  entity: CsvEntity = 'initiatives'
): Promise<ExportFile> {
  const stem = fileStem(data.conference.title);
  const file = (suffix: string, text: string): ExportFile => ({
    name: `${stem}${suffix}.${format}`,
    mime: MIME[format],
    text
  });
  switch (format) {
    case 'json':
      return file('', (await import('./json')).exportToJson(data));
    case 'csv':
      return file(`-${entity}`, (await import('./csv')).entityToCsv(data, entity));
    case 'md':
      return file('-ergebnisse', (await import('./md')).exportToMarkdown(data));
    case 'ics':
      return file('-schritte', (await import('./ics')).stepsToIcal(data));
    case 'geojson':
      return file('-initiativen', (await import('./geojson')).initiativesGeoJson(data));
  }
}
