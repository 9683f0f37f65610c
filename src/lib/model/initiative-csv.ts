// Initiatives in and out as spreadsheets: CSV import with a preview of every row and its errors (`,` `;`
// or tab separated; UTF-8 with or without BOM, or Windows-1252 as German Excel writes; German or English
// column names), CSV export German Excel opens as it should (UTF-8 BOM, `;`, CRLF, decimal comma, formula
// injection made inert) and GeoJSON export. Plain TypeScript over papaparse, shared by the app (loaded
// only on the import and export screens) and the command line. Not re-exported from model/index.ts, so
// papaparse stays out of every other screen's code.

import Papa from 'papaparse';
import type { FieldId } from './ids';
import type { Field } from './types';
import {
  INITIATIVE_LIMITS as L,
  toCoordinates,
  validateWebsite,
  type Coordinates,
  type Initiative,
  type InitiativeStatus
} from './initiative';
import { validateText } from './text';

/** What one imported row becomes (the input of addInitiative). */
export interface ImportedInitiative {
  name: string;
  description: string;
  status: InitiativeStatus;
  fieldIds: FieldId[];
  place: string;
  coords: Coordinates | null;
  needs: string;
  offers: string;
  support: string;
  website: string;
}

export type CsvColumn = keyof Omit<ImportedInitiative, 'coords' | 'fieldIds'> | 'fields' | 'lat' | 'lon';

export type RowErrorCode =
  'empty' | 'tooLong' | 'invalidUrl' | 'invalidCoordinates' | 'unknownField' | 'invalidStatus';

export interface RowError {
  column: CsvColumn;
  code: RowErrorCode;
  /** The offending value where it helps (an unknown Handlungsfeld's name). */
  value?: string;
}

export interface PreviewRow {
  /** Line number of the row in the file (the header is line 1). */
  line: number;
  /** The name as written, for the preview even when the row is invalid. */
  name: string;
  value: ImportedInitiative | null;
  errors: RowError[];
}

export interface CsvPreview {
  rows: PreviewRow[];
  /** Columns found in the header, in file order (unknown ones are ignored and listed in `ignored`). */
  columns: CsvColumn[];
  ignored: string[];
  /** The file had no name column: nothing can be imported. */
  missingName: boolean;
  encoding: 'utf-8' | 'windows-1252';
  delimiter: string;
}

const HEADERS: Record<CsvColumn, string[]> = {
  name: ['name', 'initiative', 'titel', 'title'],
  description: ['beschreibung', 'kurzbeschreibung', 'description', 'short description'],
  status: ['status', 'stand'],
  fields: ['handlungsfelder', 'handlungsfeld', 'fields', 'field', 'fields of action', 'themen'],
  place: ['ort', 'place', 'location', 'gemeinde', 'town'],
  lat: ['breitengrad', 'breite', 'lat', 'latitude'],
  lon: ['laengengrad', 'laenge', 'lon', 'lng', 'long', 'longitude'],
  needs: ['wir suchen', 'sucht', 'suchen', 'needs', 'we need', 'looking for'],
  offers: ['wir bieten', 'bietet', 'bieten', 'offers', 'we offer'],
  support: ['unterstuetzung', 'so kann man helfen', 'support', 'how to help'],
  website: ['website', 'webseite', 'internet', 'url', 'homepage']
};

const STATUS_WORDS: Record<string, InitiativeStatus> = {
  besteht: 'exists',
  bestehend: 'exists',
  exists: 'exists',
  existing: 'exists',
  'fehlt noch': 'needed',
  fehlt: 'needed',
  needed: 'needed',
  missing: 'needed',
  geplant: 'planned',
  planned: 'planned'
};

/** Lower case, umlauts spelt out, accents and punctuation dropped, single spaces. */
export function normaliseHeader(s: string): string {
  return s
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const COLUMN_OF = new Map<string, CsvColumn>();
for (const [column, names] of Object.entries(HEADERS) as [CsvColumn, string[]][])
  for (const name of names) COLUMN_OF.set(normaliseHeader(name), column);

/** UTF-8 (BOM dropped) when the bytes are valid UTF-8, otherwise Windows-1252. */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'windows-1252' } {
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return { text, encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}

/** A coordinate as written in German or English ("47,78" or "47.78"), or NaN. */
function parseNumber(s: string): number {
  const t = s.trim().replace(/\s/g, '');
  if (!/^[-+]?\d+([.,]\d+)?$/.test(t)) return Number.NaN;
  return Number(t.replace(',', '.'));
}

/** Reads a CSV file's bytes into a preview: every row with its value or its errors. */
export function previewCsv(bytes: Uint8Array, fields: readonly Pick<Field, 'id' | 'name'>[]): CsvPreview {
  const { text, encoding } = decodeCsv(bytes);
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), {
    delimitersToGuess: [';', ',', '\t'],
    skipEmptyLines: 'greedy'
  });
  const [header = [], ...data] = parsed.data;
  const columns: (CsvColumn | null)[] = header.map((h) => COLUMN_OF.get(normaliseHeader(h)) ?? null);
  const ignored = header
    .filter((_, i) => columns[i] === null)
    .map((h) => h.trim())
    .filter(Boolean);
  const fieldByName = new Map(fields.map((f) => [normaliseHeader(f.name), f.id]));
  const rows = data.map((cells, index): PreviewRow => {
    const get = (column: CsvColumn): string => {
      const i = columns.indexOf(column);
      return i >= 0 ? (cells[i] ?? '') : '';
    };
    return previewRow(index + 2, get, fieldByName);
  });
  return {
    rows,
    columns: columns.filter((c): c is CsvColumn => c !== null),
    ignored,
    missingName: !columns.includes('name'),
    encoding,
    delimiter: parsed.meta.delimiter
  };
}

function previewRow(
  line: number,
  get: (c: CsvColumn) => string,
  fieldByName: ReadonlyMap<string, FieldId>
): PreviewRow {
  const errors: RowError[] = [];
  const text = (column: CsvColumn, max: number, singleLine: boolean, required = false): string => {
    const r = validateText(get(column), { max, singleLine, required });
    if (r.ok) return r.value;
    errors.push({ column, code: r.error });
    return '';
  };
  const name = text('name', L.name, true, true);
  const value: ImportedInitiative = {
    name,
    description: text('description', L.description, false),
    status: 'exists',
    fieldIds: [],
    place: text('place', L.place, true),
    coords: null,
    needs: text('needs', L.needs, false),
    offers: text('offers', L.offers, false),
    support: text('support', L.support, false),
    website: ''
  };
  const status = normaliseHeader(get('status'));
  if (status) {
    const s = STATUS_WORDS[status];
    if (s) value.status = s;
    else errors.push({ column: 'status', code: 'invalidStatus', value: get('status').trim() });
  }
  for (const part of get('fields').split(/[;,|/\n]+/)) {
    const key = normaliseHeader(part);
    if (!key) continue;
    const id = fieldByName.get(key);
    if (id) {
      if (!value.fieldIds.includes(id)) value.fieldIds.push(id);
    } else errors.push({ column: 'fields', code: 'unknownField', value: part.trim() });
  }
  const [lat, lon] = [get('lat').trim(), get('lon').trim()];
  if (lat || lon) {
    const coords = toCoordinates(parseNumber(lat), parseNumber(lon));
    if (coords) value.coords = coords;
    else
      errors.push({
        column: lat && !toCoordinates(parseNumber(lat), 0) ? 'lat' : 'lon',
        code: 'invalidCoordinates'
      });
  }
  const website = validateWebsite(get('website'));
  if (website.ok) value.website = website.value;
  else errors.push({ column: 'website', code: website.error });
  const shownName = validateText(get('name'), { max: Number.POSITIVE_INFINITY, singleLine: true });
  return {
    line,
    name: shownName.ok ? shownName.value.slice(0, L.name) : '',
    value: errors.length === 0 ? value : null,
    errors
  };
}

// ——— export ———

export const EXPORT_COLUMNS: readonly CsvColumn[] = [
  'name',
  'status',
  'fields',
  'description',
  'place',
  'lat',
  'lon',
  'needs',
  'offers',
  'support',
  'website'
];

/** German column names of the export (the import reads them back, and English ones too). */
export const EXPORT_HEADERS: Record<CsvColumn, string> = {
  name: 'Name',
  status: 'Status',
  fields: 'Handlungsfelder',
  description: 'Beschreibung',
  place: 'Ort',
  lat: 'Breitengrad',
  lon: 'Längengrad',
  needs: 'Wir suchen',
  offers: 'Wir bieten',
  support: 'Unterstützung',
  website: 'Website'
};

export const STATUS_EXPORT: Record<InitiativeStatus, string> = {
  exists: 'besteht',
  needed: 'fehlt noch',
  planned: 'geplant'
};

/**
 * A text cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR at the start) gets a
 * leading apostrophe, which Excel and LibreOffice show as text.
 */
export function neutraliseCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** The names of an initiative's Handlungsfelder in the conference's order. */
const fieldNames = (i: Initiative, fields: readonly Pick<Field, 'id' | 'name'>[]): string[] =>
  fields.filter((f) => i.fieldIds.includes(f.id)).map((f) => f.name);

const decimalComma = (n: number): string => String(n).replace('.', ',');

/** The initiatives as CSV for German Excel: UTF-8 with BOM, `;`, CRLF, decimal comma. */
export function initiativesToCsv(
  initiatives: readonly Initiative[],
  fields: readonly Pick<Field, 'id' | 'name'>[]
): string {
  const rows = initiatives.map((i) => {
    const cells: Record<CsvColumn, string> = {
      name: neutraliseCell(i.name),
      status: STATUS_EXPORT[i.status],
      fields: neutraliseCell(fieldNames(i, fields).join('; ')),
      description: neutraliseCell(i.description),
      place: neutraliseCell(i.place),
      lat: i.coords ? decimalComma(i.coords.lat) : '',
      lon: i.coords ? decimalComma(i.coords.lon) : '',
      needs: neutraliseCell(i.needs),
      offers: neutraliseCell(i.offers),
      support: neutraliseCell(i.support),
      website: neutraliseCell(i.website)
    };
    return EXPORT_COLUMNS.map((c) => cells[c]);
  });
  const csv = Papa.unparse(
    { fields: EXPORT_COLUMNS.map((c) => EXPORT_HEADERS[c]), data: rows },
    { delimiter: ';', newline: '\r\n', quotes: true }
  );
  return `\uFEFF${csv}\r\n`;
}

/** A GeoJSON FeatureCollection of the initiatives that have coordinates, properties in clear names. */
export function initiativesToGeoJson(
  initiatives: readonly Initiative[],
  fields: readonly Pick<Field, 'id' | 'name'>[]
): { type: 'FeatureCollection'; features: unknown[] } {
  return {
    type: 'FeatureCollection',
    features: initiatives
      .filter((i) => i.coords)
      .map((i) => ({
        type: 'Feature',
        id: i.id,
        geometry: { type: 'Point', coordinates: [i.coords!.lon, i.coords!.lat] },
        properties: {
          name: i.name,
          status: i.status,
          statusLabel: STATUS_EXPORT[i.status],
          fields: fieldNames(i, fields),
          description: i.description,
          place: i.place,
          needs: i.needs,
          offers: i.offers,
          support: i.support,
          website: i.website
        }
      }))
  };
}
