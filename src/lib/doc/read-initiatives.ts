// Typed reads of the Landkarte. Remote data is distrusted like everywhere in lib/doc: entries that are not
// nested maps or have unusable ids are skipped, wrong types get defaults, strings are cleaned again.
// Facilitators' decisions are applied here: a merged duplicate is folded into its target (fields united,
// empty short fields filled, long texts appended when they differ; its cooperations and supporters move
// along), a hidden initiative goes to `hidden` instead of `initiatives`.

import * as Y from 'yjs';
import {
  cleanText,
  compareInitiatives,
  INITIATIVE_LIMITS as L,
  isCooperationKind,
  isEntityId,
  isInitiativeStatus,
  isSupportKind,
  toCoordinates,
  type Cooperation,
  type CooperationId,
  type FieldId,
  type Initiative,
  type InitiativeId,
  type Supporter,
  type SupporterId
} from '../model';
import { COOPERATION } from './cooperations';
import type { ConferenceDocs } from './docs';
import { HIDDEN, resolveMerge } from './initiative-moderation';
import { INITIATIVE } from './initiatives';
import { asEntity, ROOT, rootMap, type YEntity } from './schema';
import { SUPPORTER } from './supporters';

export interface LandkarteData {
  /** Visible initiatives, merged, in list order. */
  initiatives: Initiative[];
  /** Initiatives a facilitator hid (with the reason), merged, in list order. */
  hidden: Initiative[];
  /** Between two visible initiatives, merges resolved; oldest first. */
  cooperations: Cooperation[];
  /** Of visible initiatives, merges resolved; oldest first. */
  supporters: Supporter[];
  /** Duplicate id → the initiative it is shown in (for links to a duplicate's old address). */
  mergedInto: ReadonlyMap<InitiativeId, InitiativeId>;
}

const str = (m: Y.Map<unknown>, key: string, max: number, singleLine = true): string => {
  const v = m.get(key);
  const raw = v instanceof Y.Text ? v.toString() : typeof v === 'string' ? v : '';
  return cleanText(raw, max, { singleLine });
};
const num = (m: Y.Map<unknown>, key: string): number => {
  const v = m.get(key);
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
};

function entries(doc: Y.Doc, root: string): [string, YEntity][] {
  const map = rootMap(doc, root);
  if (!map) return [];
  const out: [string, YEntity][] = [];
  map.forEach((value, key) => {
    const e = asEntity(value);
    if (e && isEntityId(key)) out.push([key, e]);
  });
  return out;
}

function initiativeFrom(id: string, m: YEntity, knownFields: ReadonlySet<string>): Initiative {
  const status = m.get(INITIATIVE.status);
  const set = asEntity(m.get(INITIATIVE.fields));
  const fieldIds = set ? [...set.keys()].filter((k) => set.get(k) === true && knownFields.has(k)) : [];
  const website = str(m, INITIATIVE.website, L.website);
  return {
    id: id as InitiativeId,
    name: str(m, INITIATIVE.name, L.name),
    description: str(m, INITIATIVE.description, L.description, false),
    status: isInitiativeStatus(status) ? status : 'exists',
    fieldIds: fieldIds.sort() as FieldId[],
    place: str(m, INITIATIVE.place, L.place),
    coords: toCoordinates(m.get(INITIATIVE.lat), m.get(INITIATIVE.lon)),
    needs: str(m, INITIATIVE.needs, L.needs, false),
    offers: str(m, INITIATIVE.offers, L.offers, false),
    support: str(m, INITIATIVE.support, L.support, false),
    // A remote peer may write anything: only http(s) addresses ever become links.
    website: /^https?:\/\//i.test(website) ? website : '',
    author: str(m, INITIATIVE.author, 60),
    ownerTag: str(m, INITIATIVE.ownerTag, 32),
    createdAt: num(m, INITIATIVE.createdAt),
    mergedFrom: [],
    hidden: null
  };
}

function appendText(into: string, more: string, max: number): string {
  if (!more || into.includes(more)) return into;
  return into ? cleanText(`${into}\n\n${more}`, max) : more;
}

/** Folds `dup` into `into` (mutates `into`); nothing `dup` held is dropped. */
function fold(into: Initiative, dup: Initiative): void {
  into.fieldIds = [...new Set([...into.fieldIds, ...dup.fieldIds])].sort() as FieldId[];
  if (!into.place) into.place = dup.place;
  if (!into.coords) into.coords = dup.coords;
  if (!into.website) into.website = dup.website;
  if (!into.author) into.author = dup.author;
  into.description = appendText(into.description, dup.description, L.description * 4);
  into.needs = appendText(into.needs, dup.needs, L.needs * 4);
  into.offers = appendText(into.offers, dup.offers, L.offers * 4);
  into.support = appendText(into.support, dup.support, L.support * 4);
  into.mergedFrom.push({ id: dup.id, name: dup.name });
}

const byCreated = <T extends { createdAt: number; id: string }>(a: T, b: T): number =>
  a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function readLandkarte(docs: ConferenceDocs): LandkarteData {
  const knownFields = new Set(rootMap(docs.control, ROOT.fields)?.keys() ?? []);
  const raw = entries(docs.shared, ROOT.initiatives)
    .map(([id, m]) => initiativeFrom(id, m, knownFields))
    .sort(byCreated);
  const target = new Map<InitiativeId, InitiativeId>();
  for (const i of raw) target.set(i.id, resolveMerge(docs, i.id) as InitiativeId);
  const roots = new Map<InitiativeId, Initiative>();
  for (const i of raw) if (target.get(i.id) === i.id) roots.set(i.id, i);
  const mergedInto = new Map<InitiativeId, InitiativeId>();
  for (const i of raw) {
    const to = target.get(i.id)!;
    if (to === i.id) continue;
    mergedInto.set(i.id, to);
    const root = roots.get(to);
    if (root) fold(root, i);
  }
  const hiddenMap = rootMap(docs.control, ROOT.initiativeHidden);
  const visible: Initiative[] = [];
  const hidden: Initiative[] = [];
  for (const i of roots.values()) {
    const h = asEntity(hiddenMap?.get(i.id));
    if (h) {
      i.hidden = { reason: str(h, HIDDEN.reason, L.hiddenReason) };
      hidden.push(i);
    } else visible.push(i);
  }
  const shown = new Set(visible.map((i) => i.id));
  const resolve = (v: unknown): InitiativeId | null => {
    if (typeof v !== 'string') return null;
    const to = target.get(v as InitiativeId);
    return to && shown.has(to) ? to : null;
  };
  const cooperations: Cooperation[] = [];
  for (const [id, m] of entries(docs.shared, ROOT.cooperations)) {
    const a = resolve(m.get(COOPERATION.a));
    const b = resolve(m.get(COOPERATION.b));
    const kind = m.get(COOPERATION.kind);
    if (!a || !b || a === b) continue;
    cooperations.push({
      id: id as CooperationId,
      a,
      b,
      kind: isCooperationKind(kind) ? kind : 'possible',
      note: str(m, COOPERATION.note, L.cooperationNote),
      createdAt: num(m, COOPERATION.createdAt)
    });
  }
  const supporters: Supporter[] = [];
  for (const [id, m] of entries(docs.shared, ROOT.supporters)) {
    const initiativeId = resolve(m.get(SUPPORTER.initiativeId));
    const kind = m.get(SUPPORTER.kind);
    const name = str(m, SUPPORTER.name, L.supporterName);
    if (!initiativeId || !isSupportKind(kind) || !name) continue;
    supporters.push({
      id: id as SupporterId,
      initiativeId,
      kind,
      name,
      createdAt: num(m, SUPPORTER.createdAt)
    });
  }
  return {
    initiatives: visible.sort(compareInitiatives),
    hidden: hidden.sort(compareInitiatives),
    cooperations: cooperations.sort(byCreated),
    supporters: supporters.sort(byCreated),
    mergedInto
  };
}

/**
 * Calls `onChange` once after every transaction that touched the Landkarte's roots in either document.
 * Returns the function that stops observing.
 */
export function observeLandkarte(docs: ConferenceDocs, onChange: () => void): () => void {
  const stops: (() => void)[] = [];
  const watch = (doc: Y.Doc, roots: string[]) => {
    let changed = false;
    const mark = () => (changed = true);
    const flush = () => {
      if (!changed) return;
      changed = false;
      onChange();
    };
    const maps = roots.map((r) => rootMap(doc, r)).filter((m) => m !== null);
    for (const m of maps) m.observeDeep(mark);
    doc.on('afterTransaction', flush);
    stops.push(() => {
      for (const m of maps) m.unobserveDeep(mark);
      doc.off('afterTransaction', flush);
    });
  };
  watch(docs.shared, [ROOT.initiatives, ROOT.cooperations, ROOT.supporters]);
  watch(docs.control, [ROOT.initiativeMerges, ROOT.initiativeHidden, ROOT.fields, ROOT.regionOutline]);
  return () => stops.forEach((s) => s());
}
