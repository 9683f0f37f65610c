// The Yjs schema of a conference: the names of the root maps and of every entity property, the schema
// version, and safe accessors. This file and its siblings in lib/doc are the only code that knows these keys
// (README.md has the table).

import * as Y from 'yjs';
import { POLICY_MAP } from '../model/policy';

/** Version written to `meta.schemaVersion` of both documents. */
export const SCHEMA_VERSION = 1;

export type DocKind = 'control' | 'shared';

export const ROOT = Object.freeze({
  meta: 'meta',
  conference: 'conference',
  fields: 'fields',
  tables: 'tables',
  ideas: 'ideas',
  /** Programme items (control doc). */
  programme: 'programme',
  /** Which programme item runs (control doc). */
  run: 'run',
  /** The region's own Aktionspool actions (control doc). */
  poolActions: 'poolActions',
  /**
   * Landkarte (shared): each created by the person who adds it (lib/doc/initiatives.ts, cooperations.ts,
   * supporters.ts).
   */
  initiatives: 'initiatives',
  cooperations: 'cooperations',
  supporters: 'supporters',
  /** Landkarte (control): facilitators' decisions about initiatives. */
  initiativeMerges: 'initiativeMerges',
  initiativeHidden: 'initiativeHidden',
  /** Landkarte (control): the region's own outline for the map (lib/doc/region-outline.ts). */
  regionOutline: 'regionOutline',
  /** Clusters of ideas and where each idea is placed (control; lib/doc/clusters.ts). */
  clusters: 'clusters',
  placement: 'placement',
  /** Dot votes (control) and each person's ballot (shared; lib/doc/votes.ts). */
  votes: 'votes',
  ballots: 'ballots',
  /** The round (control): phase and timer per table and for the whole room; follow-me (lib/doc/rounds.ts). */
  rounds: 'rounds',
  follow: 'follow',
  /** Ernte per table (control; lib/doc/harvest.ts). */
  harvest: 'harvest',
  /** The conference-day baseline of the action plans for the Erfolgs-Workshop (control; lib/doc/harvest.ts). */
  conferenceEnd: 'conferenceEnd',
  /** Ideas facilitators hid, each with the reason its author sees (control; lib/doc/idea-moderation.ts). */
  ideaHidden: 'ideaHidden',
  /** Access policy (lock); its name lives in model/policy.ts because the relay reads it too. */
  policy: POLICY_MAP
});

export const META = Object.freeze({ schemaVersion: 'schemaVersion' });

export const CONFERENCE = Object.freeze({
  title: 'title',
  region: 'region',
  startDate: 'startDate',
  endDate: 'endDate',
  venue: 'venue'
});

export const FIELD = Object.freeze({ name: 'name', crossCutting: 'crossCutting', order: 'order' });

export const TABLE = Object.freeze({
  title: 'title',
  question: 'question',
  host: 'host',
  fieldId: 'fieldId',
  order: 'order',
  createdAt: 'createdAt'
});

export const IDEA = Object.freeze({
  tableId: 'tableId',
  text: 'text',
  author: 'author',
  createdAt: 'createdAt',
  /** The adding device's tag (as on initiatives): its app offers that person to edit or withdraw it. */
  ownerTag: 'ownerTag'
});

export const ITEM = Object.freeze({
  day: 'day',
  order: 'order',
  kind: 'kind',
  title: 'title',
  speaker: 'speaker',
  link: 'link',
  room: 'room',
  responsible: 'responsible',
  duration: 'duration',
  fixedStart: 'fixedStart',
  method: 'method'
});

export const POOL_ACTION = Object.freeze({
  title: 'title',
  field: 'field',
  effort: 'effort',
  regions: 'regions',
  achieves: 'achieves',
  steps: 'steps',
  partners: 'partners',
  createdAt: 'createdAt'
});

/** `run.current` holds one plain object `{ itemId, startedAt }`, so concurrent starts never mix halves. */
export const RUN = Object.freeze({ current: 'current', itemId: 'itemId', startedAt: 'startedAt' });

/** `rounds.<TableId | 'all'>` is a nested map; its timer is one plain object, so halves never mix. */
export const ROUND = Object.freeze({ all: 'all', phase: 'phase', timer: 'timer' });
export const TIMER = Object.freeze({
  endsAt: 'endsAt',
  pausedRemaining: 'pausedRemaining',
  durationMs: 'durationMs'
});
/** `follow.current` holds one plain object `{ target, at, seq }`. */
export const FOLLOW = Object.freeze({ current: 'current', target: 'target', at: 'at', seq: 'seq' });

/** Root names per document kind; the docs are created with these maps defined up front. */
export const ROOTS_OF: Record<DocKind, readonly string[]> = {
  control: [
    ROOT.meta,
    ROOT.conference,
    ROOT.fields,
    ROOT.tables,
    ROOT.policy,
    ROOT.programme,
    ROOT.run,
    ROOT.poolActions,
    ROOT.initiativeMerges,
    ROOT.initiativeHidden,
    ROOT.regionOutline,
    ROOT.clusters,
    ROOT.placement,
    ROOT.votes,
    ROOT.rounds,
    ROOT.follow,
    ROOT.harvest,
    ROOT.conferenceEnd,
    ROOT.ideaHidden
  ],
  shared: [ROOT.meta, ROOT.ideas, ROOT.initiatives, ROOT.cooperations, ROOT.supporters, ROOT.ballots]
};

export type YEntity = Y.Map<unknown>;

/**
 * The root map `name`, or null when that root was already defined as another type (only possible for a doc
 * not made by createConferenceDocs). Reads treat null as empty, so a hostile peer cannot crash them.
 */
export function rootMap(doc: Y.Doc, name: string): Y.Map<unknown> | null {
  try {
    return doc.getMap<unknown>(name);
  } catch {
    return null;
  }
}

/** A nested entity map, or null when the remote value is anything else. */
export function asEntity(value: unknown): YEntity | null {
  return value instanceof Y.Map ? (value as YEntity) : null;
}

export function kindOfDoc(doc: Y.Doc): DocKind {
  return doc.guid.endsWith('/control') ? 'control' : 'shared';
}

export function readSchemaVersion(doc: Y.Doc): number | null {
  const v = rootMap(doc, ROOT.meta)?.get(META.schemaVersion);
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : null;
}
