// The Landkarte's plain domain: initiatives, cooperations between two of them and supporters who answered
// at the Marktplatz, with their limits and the rules that need no document (statuses, coordinates, website
// addresses, the order of a list). lib/doc reads and writes them; the UI renders these types.

import type { CooperationId, FieldId, InitiativeId, SupporterId } from './ids';
import { type Result, ok, err } from './result';
import { cleanText } from './text';

/** besteht / fehlt noch / geplant. */
export type InitiativeStatus = 'exists' | 'needed' | 'planned';
export const INITIATIVE_STATUSES: readonly InitiativeStatus[] = ['exists', 'planned', 'needed'];

/** arbeiten schon zusammen / könnten zusammenarbeiten. */
export type CooperationKind = 'active' | 'possible';
export const COOPERATION_KINDS: readonly CooperationKind[] = ['active', 'possible'];

/** Ich mache mit / Ich kann helfen / Bitte um Kontakt. */
export type SupportKind = 'join' | 'help' | 'contact';
export const SUPPORT_KINDS: readonly SupportKind[] = ['join', 'help', 'contact'];

/** The long texts of an initiative (Y.Text in the document, so two people can write into one at once). */
export type InitiativeLongText = 'description' | 'needs' | 'offers' | 'support';
export const INITIATIVE_LONG_TEXTS: readonly InitiativeLongText[] = [
  'description',
  'needs',
  'offers',
  'support'
];

export const INITIATIVE_LIMITS = Object.freeze({
  name: 120,
  description: 2000,
  needs: 1000,
  offers: 1000,
  support: 1000,
  place: 80,
  website: 200,
  cooperationNote: 300,
  supporterName: 60,
  hiddenReason: 200
});

export interface Coordinates {
  lat: number;
  lon: number;
}

export interface Initiative {
  id: InitiativeId;
  name: string;
  /** Kurzbeschreibung. */
  description: string;
  status: InitiativeStatus;
  /** Handlungsfelder, in no particular order (a set in the document). */
  fieldIds: FieldId[];
  place: string;
  coords: Coordinates | null;
  /** Wir suchen … */
  needs: string;
  /** Wir bieten … */
  offers: string;
  /** So kann man uns unterstützen. */
  support: string;
  /** An http(s) address or ''. */
  website: string;
  author: string;
  /**
   * The tag of the device that entered it ('' for imports and older entries). Only that device and
   * facilitators may change it (the relay refuses everyone else's writes into it); the UI asks with this.
   */
  ownerTag: string;
  /** Milliseconds since the epoch. */
  createdAt: number;
  /** The duplicates a facilitator merged into this one (their content is already folded in). */
  mergedFrom: { id: InitiativeId; name: string }[];
  /** Set when a facilitator hid it; hidden initiatives stay out of the views but remain in the document. */
  hidden: { reason: string } | null;
}

export interface Cooperation {
  id: CooperationId;
  /** The two initiatives, after merges resolved; never equal. */
  a: InitiativeId;
  b: InitiativeId;
  kind: CooperationKind;
  note: string;
  createdAt: number;
}

export interface Supporter {
  id: SupporterId;
  initiativeId: InitiativeId;
  kind: SupportKind;
  name: string;
  createdAt: number;
}

export function isInitiativeStatus(v: unknown): v is InitiativeStatus {
  return v === 'exists' || v === 'needed' || v === 'planned';
}

export function isCooperationKind(v: unknown): v is CooperationKind {
  return v === 'active' || v === 'possible';
}

export function isSupportKind(v: unknown): v is SupportKind {
  return v === 'join' || v === 'help' || v === 'contact';
}

/** Real coordinates or null (latitude −90…90, longitude −180…180, finite numbers). */
export function toCoordinates(lat: unknown, lon: unknown): Coordinates | null {
  if (typeof lat !== 'number' || typeof lon !== 'number') return null;
  if (!Number.isFinite(lat) || !Number.isFinite(lon)) return null;
  if (lat < -90 || lat > 90 || lon < -180 || lon > 180) return null;
  return { lat, lon };
}

/**
 * A website as typed: '' stays '', a bare host gets `https://`; only http and https are accepted, so no
 * `javascript:` address can ever become a link.
 */
export function validateWebsite(input: unknown): Result<string, 'invalidUrl' | 'tooLong'> {
  const s = cleanText(input, Number.POSITIVE_INFINITY, { singleLine: true });
  if (s === '') return ok('');
  if (s.length > INITIATIVE_LIMITS.website) return err('tooLong');
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(s) ? s : `https://${s}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return err('invalidUrl');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return err('invalidUrl');
  if (!url.hostname.includes('.')) return err('invalidUrl');
  return ok(withScheme);
}

const collator = new Intl.Collator('de', { sensitivity: 'base', numeric: true });

/** The order of lists: by name (German collation), then id. */
export function compareInitiatives(a: Initiative, b: Initiative): number {
  return collator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
