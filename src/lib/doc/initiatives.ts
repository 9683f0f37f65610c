// The Landkarte's initiatives: schema and commands (cooperations: cooperations.ts, Marktplatz answers:
// supporters.ts, merges and hiding: initiative-moderation.ts, reads: read-initiatives.ts). Laid out so
// that ownership follows from it:
// - shared doc: `initiatives`, `cooperations`, `supporters` — each entry is created by the person who adds
//   it (a supporter's answer is their own entry, never a write into the initiative), so "only the creator
//   changes it" is a rule about whole entries;
// - control doc: `initiativeMerges` and `initiativeHidden` — what facilitators decide about other people's
//   initiatives lives where only facilitators write. A merge writes nothing into either copy: reads fold
//   the duplicate into its target (read-initiatives.ts), so nothing either copy held is lost, and a merge
//   can be undone.
// Long texts are Y.Text and edited as the smallest diff, so two devices writing into one text offline
// both keep what they typed.

import * as Y from 'yjs';
import {
  err,
  INITIATIVE_LIMITS as L,
  isInitiativeStatus,
  newInitiativeId,
  ok,
  toCoordinates,
  validateText,
  validateWebsite,
  type CommandError,
  type Coordinates,
  type FieldId,
  type InitiativeId,
  type InitiativeLongText,
  type InitiativeStatus,
  type Result
} from '../model';
import type { ConferenceDocs } from './docs';
import { LOCAL_ORIGIN, type DocOrigin } from './origin';
import { asEntity, ROOT, rootMap } from './schema';
import { applyTextDiff, rebaseTextEdit } from './text-diff';
import { createEntity, entityIn, setIfChanged, stampVersion, writableRoot } from './write';

export const INITIATIVE = Object.freeze({
  name: 'name',
  description: 'description', // Y.Text
  status: 'status',
  fields: 'fields', // Y.Map<FieldId, true>: a set, so fields added on two devices both stay
  place: 'place',
  lat: 'lat',
  lon: 'lon',
  needs: 'needs', // Y.Text
  offers: 'offers', // Y.Text
  support: 'support', // Y.Text
  website: 'website',
  author: 'author',
  // A tag of the device that entered it (lib/state), '' for imports: only the UI reads it; the relay
  // enforces who may change an entry by its Yjs client ids.
  ownerTag: 'ownerTag',
  createdAt: 'createdAt'
});

export interface InitiativeInput {
  name: string;
  description?: string;
  status?: InitiativeStatus;
  fieldIds?: readonly FieldId[];
  place?: string;
  coords?: Coordinates | null;
  needs?: string;
  offers?: string;
  support?: string;
  website?: string;
  author?: string;
  /** Written at creation only: the adding device's tag (lib/state/landkarte.svelte.ts). */
  ownerTag?: string;
}

/** The long texts as a form showed them when it opened (the base of a rebased edit). */
export type LongTexts = Partial<Record<InitiativeLongText, string>>;

type Clean = Omit<Partial<InitiativeInput>, 'fieldIds'> & { fieldIds?: FieldId[] };

const SHORT_RULES = [
  ['name', L.name, true],
  ['place', L.place, false],
  ['author', 60, false]
] as const;
const LONG_RULES = [
  ['description', L.description],
  ['needs', L.needs],
  ['offers', L.offers],
  ['support', L.support]
] as const;

function validateInitiative(control: Y.Doc, input: Partial<InitiativeInput>): Result<Clean, CommandError> {
  const out: Clean = {};
  for (const [key, max, required] of SHORT_RULES) {
    if (input[key] === undefined) continue;
    const r = validateText(input[key], { max, required, singleLine: true });
    if (!r.ok) return err(r.error, key);
    out[key] = r.value;
  }
  for (const [key, max] of LONG_RULES) {
    if (input[key] === undefined) continue;
    const r = validateText(input[key], { max });
    if (!r.ok) return err(r.error, key);
    out[key] = r.value;
  }
  if (input.status !== undefined) {
    if (!isInitiativeStatus(input.status)) return err('invalidPosition', 'status');
    out.status = input.status;
  }
  if (input.website !== undefined) {
    const r = validateWebsite(input.website);
    if (!r.ok) return err(r.error, 'website');
    out.website = r.value;
  }
  if (input.coords !== undefined) {
    if (input.coords !== null && !toCoordinates(input.coords.lat, input.coords.lon))
      return err('invalidCoordinates', 'coords');
    out.coords = input.coords;
  }
  if (input.fieldIds !== undefined) {
    const fields = rootMap(control, ROOT.fields);
    for (const id of input.fieldIds) if (!fields?.has(id)) return err('unknownField', 'fieldIds');
    out.fieldIds = [...new Set(input.fieldIds)];
  }
  return ok(out);
}

function writeInitiative(m: Y.Map<unknown>, v: Clean, base?: LongTexts): void {
  for (const key of ['name', 'place', 'website', 'status'] as const)
    if (v[key] !== undefined) setIfChanged(m, INITIATIVE[key], v[key]);
  for (const key of ['description', 'needs', 'offers', 'support'] as const) {
    const next = v[key];
    if (next === undefined) continue;
    const from = base?.[key];
    if (from === undefined) applyTextDiff(textIn(m, key), next);
    else rebaseTextEdit(textIn(m, key), from, next);
  }
  if (v.coords !== undefined) {
    setIfChanged(m, INITIATIVE.lat, v.coords?.lat ?? null);
    setIfChanged(m, INITIATIVE.lon, v.coords?.lon ?? null);
  }
  if (v.fieldIds !== undefined) {
    let set = asEntity(m.get(INITIATIVE.fields));
    if (!set) {
      set = new Y.Map<unknown>();
      m.set(INITIATIVE.fields, set);
    }
    const want = new Set<string>(v.fieldIds);
    for (const key of [...set.keys()]) if (!want.has(key)) set.delete(key);
    for (const key of want) if (set.get(key) !== true) set.set(key, true);
  }
}

/** The Y.Text of a long field; a remote string or other value there is replaced by a Y.Text holding it. */
function textIn(m: Y.Map<unknown>, key: InitiativeLongText): Y.Text {
  const value = m.get(INITIATIVE[key]);
  if (value instanceof Y.Text) return value;
  const text = new Y.Text(typeof value === 'string' ? value : '');
  m.set(INITIATIVE[key], text);
  return text;
}

export function addInitiative(
  docs: ConferenceDocs,
  input: InitiativeInput,
  origin: DocOrigin = LOCAL_ORIGIN
): Result<InitiativeId, CommandError> {
  const r = addInitiatives(docs, [input], origin);
  return r.ok ? ok(r.value[0]!) : r;
}

/**
 * Adds every input or none: all are checked first, then written in one transaction (Yjs cannot roll a
 * transaction back, so nothing is written before every row passed). An error names the row in `field`
 * as `<index>.<field>`.
 */
export function addInitiatives(
  docs: ConferenceDocs,
  inputs: readonly InitiativeInput[],
  origin: DocOrigin = LOCAL_ORIGIN
): Result<InitiativeId[], CommandError> {
  const clean: Clean[] = [];
  for (const [index, input] of inputs.entries()) {
    const v = validateInitiative(docs.control, { ...input, name: input.name ?? '' });
    if (!v.ok) return err(v.error, inputs.length > 1 ? `${index}.${v.field ?? ''}` : v.field);
    clean.push(v.value);
  }
  const ids = clean.map(() => newInitiativeId());
  docs.shared.transact(() => {
    stampVersion(docs.shared);
    const root = writableRoot(docs.shared, ROOT.initiatives);
    const now = Date.now();
    clean.forEach((v, index) => {
      const m = createEntity(root, ids[index]!, {
        [INITIATIVE.status]: v.status ?? 'exists',
        [INITIATIVE.author]: v.author ?? '',
        [INITIATIVE.ownerTag]: /^[A-Za-z0-9_-]{1,32}$/.test(inputs[index]?.ownerTag ?? '')
          ? inputs[index]!.ownerTag!
          : '',
        [INITIATIVE.createdAt]: now
      });
      writeInitiative(m, { fieldIds: [], coords: null, place: '', website: '', ...v });
    });
  }, origin);
  return ok(ids);
}

/**
 * Changes what `patch` names. Long texts are written as the smallest edit against the text as it is now;
 * given `base` (the texts when the person's form opened), only what they changed from there is applied,
 * so what others wrote meanwhile stays.
 */
export function updateInitiative(
  docs: ConferenceDocs,
  id: InitiativeId,
  patch: Partial<InitiativeInput>,
  origin: DocOrigin = LOCAL_ORIGIN,
  base?: LongTexts
): Result<void, CommandError> {
  const m = entityIn(docs.shared, ROOT.initiatives, id);
  if (!m) return err('notFound');
  const v = validateInitiative(docs.control, patch);
  if (!v.ok) return v;
  docs.shared.transact(() => writeInitiative(m, v.value, base), origin);
  return ok(undefined);
}

export function removeInitiative(
  shared: Y.Doc,
  id: InitiativeId,
  origin: DocOrigin = LOCAL_ORIGIN
): Result<void, CommandError> {
  if (!entityIn(shared, ROOT.initiatives, id)) return err('notFound');
  shared.transact(() => writableRoot(shared, ROOT.initiatives).delete(id), origin);
  return ok(undefined);
}
