// Restoring a conference from a complete JSON export (lib/export/import.ts) into fresh documents: every
// entity is written with its id, order key and times, so the reads of the restored documents equal the
// reads the export was made from (export → import → export round trips). Values come from a file and are
// distrusted like remote data: ids must be ids, strings are cleaned to the limits the reads apply, wrong
// types get the reads' defaults. Meant for empty documents; an id that exists already is overwritten.
// The Landkarte, plans and contacts are in restore-landkarte.ts.

import * as Y from 'yjs';
import {
  cleanText,
  isEntityId,
  isIsoDate,
  LIMITS,
  PLAN_LIMITS,
  CLUSTER_NAME_MAX,
  PROGRAMME_LIMITS as PL,
  type Cluster,
  type ConferenceInfo,
  type Field,
  type Harvest,
  type Idea,
  type Placement,
  type ProgrammeItem,
  type Table,
  type Vote
} from '../model';
import { CLUSTER, PLACE } from './clusters';
import { H, S } from './harvest';
import { HIDDEN_IDEA } from './idea-moderation';
import { LOCAL_ORIGIN, type DocOrigin } from './origin';
import { CONFERENCE, FIELD, IDEA, ITEM, ROOT, TABLE } from './schema';
import { BALLOT, VOTE } from './votes';
import { createEntity, stampVersion, writableRoot } from './write';

export const line = (v: unknown, max: number): string => cleanText(v, max, { singleLine: true });
export const long = (v: unknown, max: number): string => cleanText(v, max);
export const time = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
export const orderKey = (v: unknown): string => (typeof v === 'string' ? v.slice(0, 200) : '');
const idOrNull = (v: unknown): string | null => (isEntityId(v) ? v : null);

/** Conference info, Handlungsfelder and tables (control doc), with the schema version. */
export function restoreStructure(
  control: Y.Doc,
  info: ConferenceInfo,
  fields: readonly Field[],
  tables: readonly Table[],
  origin: DocOrigin = LOCAL_ORIGIN
): void {
  control.transact(() => {
    stampVersion(control);
    const conf = writableRoot(control, ROOT.conference);
    conf.set(CONFERENCE.title, line(info.title, LIMITS.conferenceTitle));
    conf.set(CONFERENCE.region, line(info.region, LIMITS.region));
    conf.set(CONFERENCE.venue, line(info.venue, LIMITS.venue));
    conf.set(CONFERENCE.startDate, isIsoDate(info.startDate) ? info.startDate : null);
    conf.set(CONFERENCE.endDate, isIsoDate(info.endDate) ? info.endDate : null);
    const fieldRoot = writableRoot(control, ROOT.fields);
    for (const f of fields)
      if (isEntityId(f.id))
        createEntity(fieldRoot, f.id, {
          [FIELD.name]: line(f.name, LIMITS.fieldName),
          [FIELD.crossCutting]: f.crossCutting === true,
          [FIELD.order]: orderKey(f.order)
        });
    const tableRoot = writableRoot(control, ROOT.tables);
    for (const t of tables)
      if (isEntityId(t.id))
        createEntity(tableRoot, t.id, {
          [TABLE.title]: line(t.title, LIMITS.tableTitle),
          [TABLE.question]: long(t.question, LIMITS.question),
          [TABLE.host]: line(t.host, LIMITS.host),
          [TABLE.fieldId]: idOrNull(t.fieldId),
          [TABLE.order]: orderKey(t.order),
          [TABLE.createdAt]: time(t.createdAt)
        });
  }, origin);
}

/** Ideas (shared doc) and where facilitators placed them (control doc). */
export function restoreIdeas(
  docs: { control: Y.Doc; shared: Y.Doc },
  ideas: readonly (Omit<Idea, 'ownerTag'> & {
    placement: Placement | null;
    hidden?: { reason: string } | null;
  })[],
  origin: DocOrigin = LOCAL_ORIGIN
): void {
  docs.shared.transact(() => {
    stampVersion(docs.shared);
    const root = writableRoot(docs.shared, ROOT.ideas);
    for (const i of ideas)
      if (isEntityId(i.id) && isEntityId(i.tableId))
        createEntity(root, i.id, {
          [IDEA.tableId]: i.tableId,
          [IDEA.text]: long(i.text, LIMITS.ideaText),
          [IDEA.author]: line(i.author, LIMITS.name),
          [IDEA.createdAt]: time(i.createdAt)
        });
  }, origin);
  docs.control.transact(() => {
    const root = writableRoot(docs.control, ROOT.placement);
    for (const i of ideas)
      if (isEntityId(i.id) && i.placement)
        root.set(i.id, {
          [PLACE.cluster]: idOrNull(i.placement.cluster),
          [PLACE.order]: orderKey(i.placement.order)
        });
    const hidden = writableRoot(docs.control, ROOT.ideaHidden);
    for (const i of ideas)
      if (isEntityId(i.id) && i.hidden && typeof i.hidden.reason === 'string')
        createEntity(hidden, i.id, {
          [HIDDEN_IDEA.reason]: line(i.hidden.reason, LIMITS.hiddenReason) || '–',
          [HIDDEN_IDEA.at]: 0
        });
  }, origin);
}

export function restoreClusters(
  control: Y.Doc,
  clusters: readonly Cluster[],
  origin: DocOrigin = LOCAL_ORIGIN
): void {
  control.transact(() => {
    const root = writableRoot(control, ROOT.clusters);
    for (const c of clusters)
      if (isEntityId(c.id) && isEntityId(c.tableId))
        createEntity(root, c.id, {
          [CLUSTER.tableId]: c.tableId,
          [CLUSTER.name]: line(c.name, CLUSTER_NAME_MAX),
          [CLUSTER.order]: orderKey(c.order),
          [CLUSTER.createdAt]: time(c.createdAt)
        });
  }, origin);
}

/**
 * Votes (control doc) and their ballots (shared doc). Ballots get fresh keys (`import<n>`): an export
 * carries no ballot keys, so nobody's device finds its own ballot in an imported conference.
 */
export function restoreVotes(
  docs: { control: Y.Doc; shared: Y.Doc },
  votes: readonly (Vote & { ballots: readonly Record<string, number>[] })[],
  origin: DocOrigin = LOCAL_ORIGIN
): void {
  docs.control.transact(() => {
    const root = writableRoot(docs.control, ROOT.votes);
    for (const v of votes)
      if (isEntityId(v.id) && isEntityId(v.tableId))
        createEntity(root, v.id, {
          [VOTE.tableId]: v.tableId,
          [VOTE.target]: v.target === 'clusters' ? 'clusters' : 'ideas',
          [VOTE.budget]: v.budget,
          [VOTE.maxPerItem]: v.maxPerItem,
          [VOTE.status]: v.status === 'closed' ? 'closed' : 'open',
          [VOTE.revealed]: v.revealed === true,
          [VOTE.createdAt]: time(v.createdAt)
        });
  }, origin);
  docs.shared.transact(() => {
    const root = writableRoot(docs.shared, ROOT.ballots);
    for (const v of votes) {
      if (!isEntityId(v.id) || !Array.isArray(v.ballots)) continue;
      v.ballots.forEach((ballot, n) => {
        const entry = createEntity(root, `${v.id}.import${String(n).padStart(5, '0')}`, {
          [BALLOT.voteId]: v.id,
          [BALLOT.createdAt]: 0
        });
        const points = new Y.Map<unknown>();
        entry.set(BALLOT.points, points);
        if (typeof ballot !== 'object' || ballot === null) return;
        for (const [item, p] of Object.entries(ballot))
          if (isEntityId(item) && typeof p === 'number' && Number.isInteger(p) && p > 0) points.set(item, p);
      });
    }
  }, origin);
}

/** The Ernte of each table (control doc). */
export function restoreHarvests(
  control: Y.Doc,
  harvests: readonly Harvest[],
  origin: DocOrigin = LOCAL_ORIGIN
): void {
  control.transact(() => {
    const root = writableRoot(control, ROOT.harvest);
    for (const h of harvests) {
      if (!isEntityId(h.tableId)) continue;
      const m = new Y.Map<unknown>();
      root.set(h.tableId, m);
      m.set(H.results, new Y.Text(long(h.results, PLAN_LIMITS.harvestResults * 2)));
      m.set(
        H.clusters,
        (Array.isArray(h.clusters) ? h.clusters : []).map((c) => ({
          title: line(c?.title, PLAN_LIMITS.harvestCluster),
          points: time(c?.points)
        }))
      );
      const steps = new Y.Map<unknown>();
      m.set(H.steps, steps);
      for (const s of Array.isArray(h.steps) ? h.steps : [])
        if (isEntityId(s?.id))
          createEntity(steps, s.id, {
            [S.text]: line(s.text, PLAN_LIMITS.stepText),
            [S.who]: line(s.who, PLAN_LIMITS.who),
            [S.order]: orderKey(s.order)
          });
      m.set(H.updatedAt, time(h.updatedAt));
    }
  }, origin);
}

/** Programme items (control doc). */
export function restoreProgramme(
  control: Y.Doc,
  items: readonly ProgrammeItem[],
  origin: DocOrigin = LOCAL_ORIGIN
): void {
  const int = (v: unknown, min: number, max: number): number | null =>
    typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? v : null;
  control.transact(() => {
    const root = writableRoot(control, ROOT.programme);
    for (const i of items)
      if (isEntityId(i.id))
        createEntity(root, i.id, {
          [ITEM.day]: int(i.day, 0, PL.maxDay) ?? 0,
          [ITEM.order]: orderKey(i.order),
          [ITEM.kind]: line(i.kind, 20),
          [ITEM.title]: line(i.title, PL.title),
          [ITEM.speaker]: line(i.speaker, PL.speaker),
          [ITEM.link]: line(i.link, PL.link),
          [ITEM.room]: line(i.room, PL.room),
          [ITEM.responsible]: line(i.responsible, PL.responsible),
          [ITEM.duration]: int(i.duration, PL.minDuration, PL.maxDuration) ?? 30,
          [ITEM.fixedStart]: int(i.fixedStart, 0, PL.lastMinute),
          [ITEM.method]: line(i.method, 64)
        });
  }, origin);
}
