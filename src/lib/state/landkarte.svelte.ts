// Landkarte: the controller and reactive read model of the Landkarte for one open conference (taken from
// the session, like IdeaModeration). Reads are plain frozen snapshots through lib/doc, cached until one
// of the Landkarte's roots changes; verbs are one command each with the session's role and lock checked.
// What a person adds (an initiative, a supporter's answer, a cooperation) is their own entry in the
// shared document; merges and hiding are facilitators' decisions in the control document.

import { createSubscriber } from 'svelte/reactivity';
import {
  addCooperation,
  addInitiative,
  addInitiatives,
  addSupporter,
  clearRegionOutline,
  hideInitiative,
  LOCAL_ORIGIN,
  mergeInitiatives,
  observeLandkarte,
  readLandkarte,
  readRegionOutline,
  removeSupporter,
  setRegionOutline,
  unhideInitiative,
  unmergeInitiative,
  updateInitiative,
  type InitiativeInput,
  type LandkarteData,
  type RegionOutline
} from '../doc';
import { parseRegionOutline } from '../model/region-outline';
import { ownerTagFor } from '../model/owner-tag';
import type {
  Cooperation,
  CooperationId,
  CooperationKind,
  Initiative,
  InitiativeId,
  InitiativeStatus,
  Result,
  Supporter,
  SupporterId,
  SupportKind
} from '../model';
import { suggestMatches, type MatchSuggestion } from '../model/initiative-match';
import { ownerTagOf } from './ideas';
import type { ConferenceSession, SessionError } from './session.svelte';

export type { InitiativeInput, LandkarteData, RegionOutline };

export { ownerTagFor };

export class Landkarte {
  readonly #session: ConferenceSession;
  #data: LandkarteData | null = null;
  #observed: object | null = null;
  #stop: () => void = () => undefined;
  #notify: (() => void) | null = null;
  #suggestionsOf: LandkarteData | null = null;
  #suggestions: MatchSuggestion[] = [];
  // A plain set replaced on every change (reactive through $state.raw), never mutated.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #own = $state.raw<ReadonlySet<string>>(new Set());
  readonly #subscribe: () => void;
  /** This device's tag on the initiatives it enters (ownerTagFor). */
  readonly #ownerTag: string;

  constructor(session: ConferenceSession) {
    this.#session = session;
    this.#ownerTag = ownerTagOf(session);
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    this.#own = new Set(readOwn(this.#ownKey));
    this.#subscribe = createSubscriber((update) => {
      this.#notify = update;
      return () => (this.#notify = null);
    });
  }

  /** Everything the views show, merges and hiding applied. */
  get data(): LandkarteData {
    this.#subscribe();
    this.#watch();
    return (this.#data ??= deepFreeze(readLandkarte(this.#session.docs)));
  }

  /** The region's own outline for the map, or null. */
  get regionOutline(): RegionOutline | null {
    void this.data;
    return readRegionOutline(this.#session.docs.control);
  }

  /** Reads an uploaded GeoJSON file's text as the region's outline and keeps it (facilitators). */
  importRegionOutline(text: string, name: string): Result<void, string> {
    if (!this.canModerate) return { ok: false, error: 'notAllowed' };
    const parsed = parseRegionOutline(text);
    if (!parsed.ok) return parsed;
    return setRegionOutline(this.#session.docs.control, parsed.value, name, LOCAL_ORIGIN);
  }

  removeRegionOutline(): Result<void, SessionError> {
    return this.#moderated(() => {
      clearRegionOutline(this.#session.docs.control, LOCAL_ORIGIN);
      return { ok: true, value: undefined };
    });
  }

  get initiatives(): readonly Initiative[] {
    return this.data.initiatives;
  }

  /** The initiative shown for `id` (a merged duplicate's id leads to its target), or null. */
  initiative(id: string): Initiative | null {
    const data = this.data;
    const to = data.mergedInto.get(id as InitiativeId) ?? (id as InitiativeId);
    return (
      data.initiatives.find((i) => i.id === to) ??
      (this.#session.canModerate ? (data.hidden.find((i) => i.id === to) ?? null) : null)
    );
  }

  /** Marktplatz suggestions (offers meeting needs) that touch the initiative `id`, best first. */
  suggestionsFor(id: InitiativeId): MatchSuggestion[] {
    const data = this.data;
    if (this.#suggestionsOf !== data) {
      this.#suggestionsOf = data;
      this.#suggestions = suggestMatches(data.initiatives, data.cooperations, 500);
    }
    return this.#suggestions.filter((s) => s.seeker === id || s.offerer === id);
  }

  supportersOf(id: InitiativeId): Supporter[] {
    return this.data.supporters.filter((s) => s.initiativeId === id);
  }

  cooperationsOf(id: InitiativeId): Cooperation[] {
    return this.data.cooperations.filter((c) => c.a === id || c.b === id);
  }

  /** May add initiatives and answers now: not a viewer, and the round is not closed for participants. */
  get canWrite(): boolean {
    return this.#session.canAddIdeas;
  }

  get canModerate(): boolean {
    return this.#session.canModerate;
  }

  /**
   * May change this initiative: facilitators (moderation), and the device that entered it while writing is
   * open. The relay refuses anyone else's write into it, so the form is not offered to them.
   */
  mayEdit(initiative: Initiative): boolean {
    if (this.canModerate) return true;
    return this.canWrite && initiative.ownerTag !== '' && initiative.ownerTag === this.#ownerTag;
  }

  add(input: InitiativeInput): Result<InitiativeId, SessionError> {
    const own = { ...input, ownerTag: this.#ownerTag };
    return this.#write(() => addInitiative(this.#session.docs, own, LOCAL_ORIGIN));
  }

  /**
   * Writes what the person changed from `base` (the initiative as their form showed it): other
   * properties, and others' typing in the long texts meanwhile, stay.
   */
  update(id: InitiativeId, values: InitiativeInput, base: Initiative): Result<void, SessionError> {
    const patch: Partial<InitiativeInput> = {};
    const changed = <K extends keyof InitiativeInput>(key: K, was: unknown) => {
      if (JSON.stringify(values[key]) !== JSON.stringify(was)) patch[key] = values[key];
    };
    for (const key of [
      'name',
      'status',
      'place',
      'website',
      'description',
      'needs',
      'offers',
      'support'
    ] as const)
      changed(key, base[key]);
    changed('coords', base.coords);
    if ([...(values.fieldIds ?? [])].sort().join() !== [...base.fieldIds].sort().join())
      patch.fieldIds = values.fieldIds;
    if (Object.keys(patch).length === 0) return { ok: true, value: undefined };
    const { description, needs, offers, support } = base;
    return this.#write(() =>
      updateInitiative(this.#session.docs, id, patch, LOCAL_ORIGIN, { description, needs, offers, support })
    );
  }

  /** Adds every row or none (checked again here; written in one transaction). */
  importAll(rows: readonly InitiativeInput[]): Result<number, SessionError> {
    return this.#moderated(() => {
      const r = addInitiatives(this.#session.docs, rows, LOCAL_ORIGIN);
      return r.ok ? { ok: true, value: r.value.length } : r;
    });
  }

  support(initiativeId: InitiativeId, kind: SupportKind, name: string): Result<SupporterId, SessionError> {
    const r = this.#write(() =>
      addSupporter(this.#session.docs.shared, { initiativeId, kind, name }, LOCAL_ORIGIN)
    );
    if (r.ok) this.#saveOwn([...this.ownSupporters, r.value]);
    return r;
  }

  withdraw(id: SupporterId): Result<void, SessionError> {
    const r = this.#write(() => removeSupporter(this.#session.docs.shared, id, LOCAL_ORIGIN));
    if (r.ok) this.#saveOwn([...this.ownSupporters].filter((x) => x !== id));
    return r;
  }

  /**
   * The answers given on this device, which it may withdraw. Kept in the browser's local storage until
   * the ownership issue binds entries to people; a device's own answers are not board content.
   */
  get ownSupporters(): ReadonlySet<string> {
    return this.#own;
  }

  get #ownKey(): string {
    return `slt:landkarte:own-supporters:${this.#session.roomId}`;
  }

  #saveOwn(ids: string[]): void {
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    this.#own = new Set(ids);
    try {
      globalThis.localStorage?.setItem(this.#ownKey, JSON.stringify(ids));
    } catch {
      // Storage full or blocked: the answer stays, only withdrawing it from this device gets harder.
    }
  }

  cooperate(
    a: InitiativeId,
    b: InitiativeId,
    kind: CooperationKind,
    note = ''
  ): Result<CooperationId, SessionError> {
    return this.#write(() => addCooperation(this.#session.docs.shared, { a, b, kind, note }, LOCAL_ORIGIN));
  }

  merge(duplicate: InitiativeId, target: InitiativeId): Result<void, SessionError> {
    return this.#moderated(() => mergeInitiatives(this.#session.docs, duplicate, target, LOCAL_ORIGIN));
  }

  unmerge(duplicate: InitiativeId): Result<void, SessionError> {
    return this.#moderated(() => unmergeInitiative(this.#session.docs.control, duplicate, LOCAL_ORIGIN));
  }

  hide(id: InitiativeId, reason: string): Result<void, SessionError> {
    return this.#moderated(() => hideInitiative(this.#session.docs, id, reason, LOCAL_ORIGIN));
  }

  unhide(id: InitiativeId): Result<void, SessionError> {
    return this.#moderated(() => unhideInitiative(this.#session.docs.control, id, LOCAL_ORIGIN));
  }

  destroy(): void {
    this.#stop();
    this.#notify = null;
  }

  /** (Re)observes the documents; the session may swap the shared one after a refused write. */
  #watch(): void {
    const docs = this.#session.docs;
    if (this.#observed === docs.shared) return;
    this.#stop();
    this.#observed = docs.shared;
    this.#data = null;
    this.#stop = observeLandkarte(docs, () => {
      this.#data = null;
      this.#notify?.();
    });
  }

  #write<T>(run: () => Result<T, SessionError>): Result<T, SessionError> {
    if (!this.#session.canWrite) return { ok: false, error: 'notAllowed' };
    if (!this.canWrite) return { ok: false, error: 'locked' };
    return run();
  }

  #moderated<T>(run: () => Result<T, SessionError>): Result<T, SessionError> {
    if (!this.canModerate) return { ok: false, error: 'notAllowed' };
    return run();
  }
}

function readOwn(key: string): string[] {
  try {
    const v: unknown = JSON.parse(globalThis.localStorage?.getItem(key) ?? '[]');
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

export interface LandkarteFilter {
  query: string;
  fieldId: string;
  status: InitiativeStatus | '';
  place: string;
}

export const NO_FILTER: LandkarteFilter = Object.freeze({ query: '', fieldId: '', status: '', place: '' });

const fold = (s: string): string =>
  s
    .toLocaleLowerCase('de')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');

/** The initiatives matching every filter that is set; the query searches all texts. */
export function filterInitiatives(list: readonly Initiative[], f: LandkarteFilter): readonly Initiative[] {
  const words = fold(f.query).split(/\s+/).filter(Boolean);
  const place = fold(f.place.trim());
  if (!words.length && !place && !f.fieldId && !f.status) return list;
  return list.filter((i) => {
    if (f.status && i.status !== f.status) return false;
    if (f.fieldId && !i.fieldIds.includes(f.fieldId as never)) return false;
    if (place && !fold(i.place).includes(place)) return false;
    if (!words.length) return true;
    const hay = fold(`${i.name} ${i.description} ${i.place} ${i.needs} ${i.offers} ${i.support}`);
    return words.every((w) => hay.includes(w));
  });
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as object)) deepFreeze(v);
  }
  return value;
}
