// The Ergebnisdokumentation's pure rules: German typography (quotes „…“, dates as „3. März 2027“ through
// Intl), which sections the report has and in which order (the table of contents), the bars of a vote
// chart, and the map as SVG paths projected from shipped outlines and the initiatives' coordinates (no
// Leaflet, no tiles: the report is made with no network). No yjs, svelte or dexie.

import { SUPPORT_KINDS, type Coordinates, type SupportKind } from './initiative';
import type { OutlineCoords } from './region-outline';

/** Typographic quotes of the language: „…“ in German, “…” in English. Straight quotes inside are kept. */
export function quote(text: string, lang: 'de' | 'en' = 'de'): string {
  return lang === 'de' ? `„${text}“` : `“${text}”`;
}

/** `YYYY-MM-DD` as a calendar date in words („3. März 2027“ for de-DE), or the input when malformed. */
export function formatReportDate(iso: string, locale = 'de-DE'): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return iso;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return iso;
  return new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC'
  }).format(date);
}

/** The conference's days: one date, or a range („3.–4. März 2027“), or '' with neither. */
export function formatReportDates(start: string | null, end: string | null, locale = 'de-DE'): string {
  if (!start) return end ? formatReportDate(end, locale) : '';
  if (!end || end === start || end < start) return formatReportDate(start, locale);
  const parse = (iso: string) => {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
    return match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
  };
  const a = parse(start);
  const b = parse(end);
  if (!a || !b) return `${start} – ${end}`;
  return new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC'
  }).formatRange(a, b);
}

/** When the report was made: „2. Dezember 2026, 15:20“ in the device's time zone. */
export function formatMadeAt(ms: number, locale = 'de-DE', timeZone?: string): string {
  return new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    ...(timeZone ? { timeZone } : {})
  }).format(new Date(ms));
}

// ——— the page structure ———

export type ReportSectionKind = 'programme' | 'landkarte' | 'tables' | 'plans' | 'contacts';

/** How many answered „Ich mache mit“, „Ich kann helfen“, „Bitte um Kontakt“, per initiative (no names). */
export function supportCounts(
  supporters: readonly { initiativeId: string; kind: SupportKind }[]
): Map<string, Record<SupportKind, number>> {
  const out = new Map<string, Record<SupportKind, number>>();
  for (const { initiativeId, kind } of supporters) {
    let counts = out.get(initiativeId);
    if (!counts)
      out.set(
        initiativeId,
        (counts = Object.fromEntries(SUPPORT_KINDS.map((k) => [k, 0])) as Record<SupportKind, number>)
      );
    counts[kind]++;
  }
  return out;
}

export interface ReportSection {
  kind: ReportSectionKind;
  /** The anchor of the section's heading (also the TOC's link). */
  anchor: string;
  /** Subsections shown in the table of contents (tables, plans), in order. */
  entries: { anchor: string; title: string }[];
}

export interface ReportOutline {
  hasProgramme: boolean;
  /** Initiatives on the Landkarte (after merges, without hidden ones). */
  initiatives: number;
  tables: readonly { id: string; title: string }[];
  plans: readonly { id: string; title: string }[];
  /** Null when this device may not read contacts (not a facilitator): the section is left out. */
  contacts: number | null;
}

/** TOC entries listed per section at most; a longer list is summed up by its section heading only. */
export const TOC_ENTRIES_MAX = 40;

/**
 * The sections after the title page, in order. A section with nothing to show is left out, except the
 * Thementische and the plans, which say so (a report that hides that no plan was made misleads); the
 * contact list appears only for those who may read it.
 */
export function reportSections(outline: ReportOutline): ReportSection[] {
  const out: ReportSection[] = [];
  const list = (items: readonly { id: string; title: string }[], prefix: string) =>
    items.length > TOC_ENTRIES_MAX
      ? []
      : items.map((item) => ({ anchor: `${prefix}-${item.id}`, title: item.title }));
  if (outline.hasProgramme) out.push({ kind: 'programme', anchor: 'r-programme', entries: [] });
  if (outline.initiatives > 0) out.push({ kind: 'landkarte', anchor: 'r-landkarte', entries: [] });
  out.push({ kind: 'tables', anchor: 'r-tables', entries: list(outline.tables, 'r-t') });
  out.push({ kind: 'plans', anchor: 'r-plans', entries: list(outline.plans, 'r-p') });
  if (outline.contacts !== null) out.push({ kind: 'contacts', anchor: 'r-contacts', entries: [] });
  return out;
}

/**
 * Whether a block of `lines` text lines is kept on one page (`break-inside: avoid`). A block longer than
 * about two thirds of an A4 page may break: kept whole it would leave most of a page empty before it.
 */
export function keepTogether(lines: number, linesPerPage = 48): boolean {
  return lines <= Math.floor((linesPerPage * 2) / 3);
}

// ——— vote charts ———

export interface ChartBar {
  id: string;
  label: string;
  points: number;
  /** Bar length in percent of the largest (0–100). */
  percent: number;
}

/** The `limit` items with the most points (items without points left out), as bars relative to the first. */
export function chartBars(
  ranking: readonly { id: string; label: string; points: number }[],
  limit = 10
): ChartBar[] {
  const top = ranking.filter((r) => r.points > 0).slice(0, limit);
  const max = top.reduce((n, r) => Math.max(n, r.points), 0);
  return top.map((r) => ({
    id: r.id,
    label: r.label,
    points: r.points,
    percent: max > 0 ? Math.round((r.points / max) * 1000) / 10 : 0
  }));
}

// ——— the map ———

export interface MapOutline {
  code: string;
  coords: OutlineCoords;
}

export interface ReportMap {
  width: number;
  height: number;
  /** SVG path data per outline that touches the frame (countries, then the region's own outline). */
  outlines: { code: string; d: string }[];
  region: string | null;
  markers: { id: string; x: number; y: number }[];
  /** The biggest places inside the frame, for orientation, none too close to another. */
  places: { name: string; x: number; y: number }[];
}

/** A place of the shipped gazetteer: name, lat, lon (the biggest first). */
export interface MapPlace {
  name: string;
  lat: number;
  lon: number;
}

/** Place names drawn on the report's map at most. */
export const MAP_PLACES_MAX = 14;

const DEG = Math.PI / 180;
const mercY = (lat: number) => Math.log(Math.tan(Math.PI / 4 + (Math.max(-85, Math.min(85, lat)) * DEG) / 2));

/**
 * The Landkarte as an image: the frame fits every marker (and the region's outline) with a margin, at
 * least `minSpanDeg` wide so a single village is not a blank square; Web Mercator like the app's map.
 * Null when there is nothing to place.
 */
export function projectMap(input: {
  points: readonly { id: string; coords: Coordinates }[];
  outlines: readonly MapOutline[];
  region: OutlineCoords | null;
  places?: readonly MapPlace[];
  width?: number;
  minSpanDeg?: number;
}): ReportMap | null {
  const width = input.width ?? 800;
  const minSpan = input.minSpanDeg ?? 0.5;
  const lons: number[] = [];
  const lats: number[] = [];
  for (const p of input.points) {
    lons.push(p.coords.lon);
    lats.push(p.coords.lat);
  }
  for (const poly of input.region ?? [])
    for (const ring of poly)
      for (const [lon, lat] of ring) {
        lons.push(lon);
        lats.push(lat);
      }
  if (lons.length === 0) return null;
  let west = Math.min(...lons);
  let east = Math.max(...lons);
  let south = Math.min(...lats);
  let north = Math.max(...lats);
  const padLon = Math.max((east - west) * 0.1, (minSpan - (east - west)) / 2, 0);
  const padLat = Math.max((north - south) * 0.1, (minSpan * 0.6 - (north - south)) / 2, 0);
  west -= padLon;
  east += padLon;
  south -= padLat;
  north += padLat;
  const x0 = west * DEG;
  const y0 = mercY(north);
  const scale = width / ((east - west) * DEG);
  const height = Math.max(160, Math.min(width * 1.2, Math.round((y0 - mercY(south)) * scale)));
  const x = (lon: number) => Math.round((lon * DEG - x0) * scale * 10) / 10;
  const y = (lat: number) => Math.round((y0 - mercY(lat)) * scale * 10) / 10;
  const path = (coords: OutlineCoords) =>
    coords
      .map((poly) =>
        poly
          .map((ring) => ring.map(([lon, lat], i) => `${i ? 'L' : 'M'}${x(lon)} ${y(lat)}`).join('') + 'Z')
          .join('')
      )
      .join('');
  const touches = (coords: OutlineCoords) =>
    coords.some((poly) =>
      (poly[0] ?? []).some(
        ([lon, lat]) => lon >= west - 5 && lon <= east + 5 && lat >= south - 5 && lat <= north + 5
      )
    );
  const markers = input.points.map((p) => ({ id: p.id, x: x(p.coords.lon), y: y(p.coords.lat) }));
  const places: ReportMap['places'] = [];
  for (const p of input.places ?? []) {
    if (places.length >= MAP_PLACES_MAX) break;
    const px = x(p.lon);
    const py = y(p.lat);
    if (px < 40 || px > width - 40 || py < 20 || py > height - 10) continue;
    const near = (q: { x: number; y: number }) => Math.abs(q.x - px) < 110 && Math.abs(q.y - py) < 28;
    // A place under a marker or another name is left out: the markers are what the map is for.
    if (places.some(near) || markers.some((q) => Math.abs(q.x - px) < 24 && Math.abs(q.y - py) < 24))
      continue;
    places.push({ name: p.name, x: px, y: py });
  }
  return {
    width,
    height,
    places,
    outlines: input.outlines
      .filter((o) => touches(o.coords))
      .map((o) => ({ code: o.code, d: path(o.coords) })),
    region: input.region ? path(input.region) : null,
    markers
  };
}
