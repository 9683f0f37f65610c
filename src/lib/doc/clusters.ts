// Clusters of a Thementisch's ideas (control doc: facilitators decide about other people's ideas there).
// `clusters.<ClusterId>` is a Y.Map { tableId, name, order, createdAt }; `placement.<IdeaId>` is ONE plain
// object { cluster, order } per idea, so membership is a field of the idea's placement: two facilitators
// moving one idea concurrently end with one of the two places (last writer wins), never two. A merge
// re-points the placements of one cluster's ideas in one transaction and deletes it; a placement naming a
// cluster that is gone (or of another table) reads as unclustered, so a concurrent merge or dissolve
// against a move never loses an idea.

import type * as Y from 'yjs';
import { generateNKeysBetween } from 'fractional-indexing';
import {
  CLUSTER_NAME_MAX,
  cleanText,
  err,
  isEntityId,
  newClusterId,
  ok,
  validateText,
  type Cluster,
  type ClusterBoard,
  type ClusterId,
  type ClusterWithIdeas,
  type CommandError,
  type Idea,
  type IdeaId,
  type Placement,
  type Result,
  type TableId
} from '../model';
import { LOCAL_ORIGIN, type DocOrigin } from './origin';
import { compareOrdered, keyAfter, planMove } from './order';
import { compareIdeas, readIdeas } from './read';
import { asEntity, ROOT, rootMap } from './schema';
import { createEntity, entityIn, setIfChanged, writableRoot } from './write';

export const CLUSTER = Object.freeze({
  tableId: 'tableId',
  name: 'name',
  order: 'order',
  createdAt: 'createdAt'
});
export const PLACE = Object.freeze({ cluster: 'cluster', order: 'order' });

/** The clusters of one table (or all), in their order. */
export function readClusters(control: Y.Doc, tableId?: TableId): Cluster[] {
  const map = rootMap(control, ROOT.clusters);
  const out: Cluster[] = [];
  map?.forEach((value, id) => {
    const m = asEntity(value);
    if (!m || !isEntityId(id)) return;
    const t = m.get(CLUSTER.tableId);
    if (!isEntityId(t) || (tableId !== undefined && t !== tableId)) return;
    const order = m.get(CLUSTER.order);
    const createdAt = m.get(CLUSTER.createdAt);
    const name = m.get(CLUSTER.name);
    out.push({
      id: id as ClusterId,
      tableId: t as TableId,
      name: cleanText(typeof name === 'string' ? name : '', CLUSTER_NAME_MAX, { singleLine: true }),
      order: typeof order === 'string' ? order : '',
      createdAt: typeof createdAt === 'number' && Number.isFinite(createdAt) ? createdAt : 0
    });
  });
  return out.sort(compareOrdered);
}

function placementFrom(value: unknown): Placement | null {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
  const v = value as Record<string, unknown>;
  const cluster = isEntityId(v[PLACE.cluster]) ? (v[PLACE.cluster] as ClusterId) : null;
  return { cluster, order: typeof v[PLACE.order] === 'string' ? (v[PLACE.order] as string) : '' };
}

/** Every idea's placement (ideas never placed are absent: unclustered). */
export function readPlacements(control: Y.Doc): Map<IdeaId, Placement> {
  const out = new Map<IdeaId, Placement>();
  rootMap(control, ROOT.placement)?.forEach((value, id) => {
    const p = placementFrom(value);
    if (p && isEntityId(id)) out.set(id as IdeaId, p);
  });
  return out;
}

/**
 * Groups `ideas` (one table's, any order) into `clusters` (that table's, in order) by their placements:
 * every idea exactly once, in its cluster by order key (ties by id) or unclustered (oldest first).
 */
export function buildClusterBoard(
  clusters: readonly Cluster[],
  placements: ReadonlyMap<IdeaId, Placement>,
  ideas: readonly Idea[]
): ClusterBoard {
  const members = new Map<string, { idea: Idea; order: string }[]>(clusters.map((c) => [c.id, []]));
  const unclustered: Idea[] = [];
  for (const idea of ideas) {
    const p = placements.get(idea.id);
    const list = p?.cluster ? members.get(p.cluster) : undefined;
    if (list && p) list.push({ idea, order: p.order });
    else unclustered.push(idea);
  }
  const byOrder = (a: { idea: Idea; order: string }, b: { idea: Idea; order: string }) =>
    compareOrdered({ id: a.idea.id, order: a.order }, { id: b.idea.id, order: b.order });
  return {
    clusters: clusters.map((c): ClusterWithIdeas => ({
      ...c,
      ideas: (members.get(c.id) ?? []).sort(byOrder).map((x) => x.idea)
    })),
    unclustered: unclustered.sort(compareIdeas)
  };
}

export function readClusterBoard(control: Y.Doc, shared: Y.Doc, tableId: TableId): ClusterBoard {
  return buildClusterBoard(
    readClusters(control, tableId),
    readPlacements(control),
    readIdeas(shared, tableId)
  );
}

function validName(name: string): Result<string, CommandError> {
  return validateText(name, { max: CLUSTER_NAME_MAX, required: true, singleLine: true });
}

function clusterOf(control: Y.Doc, id: ClusterId): Cluster | null {
  const all = readClusters(control);
  return all.find((c) => c.id === id) ?? null;
}

/** The order keys of a cluster's placed ideas (any table: keys only need to sort after them). */
function memberKeys(control: Y.Doc, cluster: ClusterId): { id: IdeaId; order: string }[] {
  const out: { id: IdeaId; order: string }[] = [];
  for (const [id, p] of readPlacements(control)) if (p.cluster === cluster) out.push({ id, order: p.order });
  return out.sort(compareOrdered);
}

/**
 * Writes placements that put `ideaIds` (in that order) into `cluster` at `toIndex` of its members (end when
 * omitted), or unclustered (`cluster` null). Must run inside a transaction.
 */
function place(control: Y.Doc, ideaIds: readonly IdeaId[], cluster: ClusterId | null, toIndex?: number) {
  const root = writableRoot(control, ROOT.placement);
  if (cluster === null) {
    for (const id of ideaIds) root.set(id, { [PLACE.cluster]: null, [PLACE.order]: '' });
    return;
  }
  const moving = new Set<string>(ideaIds);
  const rest = memberKeys(control, cluster).filter((m) => !moving.has(m.id));
  const at = Math.min(Math.max(0, Math.trunc(toIndex ?? rest.length)), rest.length);
  const prev = rest[at - 1]?.order ?? null;
  const next = rest[at]?.order ?? null;
  let keys: string[] | null = null;
  try {
    keys = generateNKeysBetween(prev, next, ideaIds.length);
    if (!keys.every((k) => (prev === null || prev < k) && (next === null || k < next))) keys = null;
  } catch {
    keys = null;
  }
  if (keys) {
    ideaIds.forEach((id, i) => root.set(id, { [PLACE.cluster]: cluster, [PLACE.order]: keys[i] }));
    return;
  }
  // Malformed or equal remote keys: give the whole cluster fresh keys in the wanted order.
  const desired = [...rest.slice(0, at).map((m) => m.id), ...ideaIds, ...rest.slice(at).map((m) => m.id)];
  const fresh = generateNKeysBetween(null, null, desired.length);
  desired.forEach((id, i) => root.set(id, { [PLACE.cluster]: cluster, [PLACE.order]: fresh[i] }));
}

/** A new cluster at the end of the table's clusters, with `ideaIds` in it (moved from wherever they were). */
export function addCluster(
  control: Y.Doc,
  tableId: TableId,
  name: string,
  ideaIds: readonly IdeaId[] = [],
  origin: DocOrigin = LOCAL_ORIGIN
): Result<ClusterId, CommandError> {
  const v = validName(name);
  if (!v.ok) return v;
  if (!entityIn(control, ROOT.tables, tableId)) return err('notFound');
  const id = newClusterId();
  control.transact(() => {
    createEntity(writableRoot(control, ROOT.clusters), id, {
      [CLUSTER.tableId]: tableId,
      [CLUSTER.name]: v.value,
      [CLUSTER.order]: keyAfter(readClusters(control, tableId).map((c) => c.order)),
      [CLUSTER.createdAt]: Date.now()
    });
    if (ideaIds.length) place(control, ideaIds, id);
  }, origin);
  return ok(id);
}

export function renameCluster(
  control: Y.Doc,
  id: ClusterId,
  name: string,
  origin: DocOrigin = LOCAL_ORIGIN
): Result<void, CommandError> {
  const m = entityIn(control, ROOT.clusters, id);
  if (!m) return err('notFound');
  const v = validName(name);
  if (!v.ok) return v;
  control.transact(() => setIfChanged(m, CLUSTER.name, v.value), origin);
  return ok(undefined);
}

/** Moves a cluster to `toIndex` among its table's clusters. */
export function moveCluster(
  control: Y.Doc,
  id: ClusterId,
  toIndex: number,
  origin: DocOrigin = LOCAL_ORIGIN
): Result<void, CommandError> {
  if (!Number.isFinite(toIndex)) return err('invalidPosition');
  const c = clusterOf(control, id);
  if (!c) return err('notFound');
  const changes = planMove(readClusters(control, c.tableId), id, toIndex);
  if (changes.size === 0) return ok(undefined);
  control.transact(() => {
    for (const [cid, order] of changes) entityIn(control, ROOT.clusters, cid)?.set(CLUSTER.order, order);
  }, origin);
  return ok(undefined);
}

/**
 * Puts ideas into a cluster at `toIndex` of its ideas (end when omitted), or back to unclustered (`cluster`
 * null). A drag of one card and the keyboard's "Zu Cluster …" of several are the same command.
 */
export function placeIdeas(
  control: Y.Doc,
  ideaIds: readonly IdeaId[],
  cluster: ClusterId | null,
  toIndex?: number,
  origin: DocOrigin = LOCAL_ORIGIN
): Result<void, CommandError> {
  if (toIndex !== undefined && !Number.isFinite(toIndex)) return err('invalidPosition');
  if (cluster !== null && !entityIn(control, ROOT.clusters, cluster)) return err('notFound');
  const ids = [...new Set(ideaIds)].filter((id) => isEntityId(id));
  if (ids.length === 0) return ok(undefined);
  control.transact(() => place(control, ids, cluster, toIndex), origin);
  return ok(undefined);
}

/** Moves every idea of `from` to the end of `into` and removes `from`, in one transaction. */
export function mergeClusters(
  control: Y.Doc,
  from: ClusterId,
  into: ClusterId,
  origin: DocOrigin = LOCAL_ORIGIN
): Result<void, CommandError> {
  if (from === into) return err('invalidPosition');
  if (!entityIn(control, ROOT.clusters, from) || !entityIn(control, ROOT.clusters, into))
    return err('notFound');
  control.transact(() => {
    const moving = memberKeys(control, from).map((m) => m.id);
    if (moving.length) place(control, moving, into);
    writableRoot(control, ROOT.clusters).delete(from);
  }, origin);
  return ok(undefined);
}

/** Removes a cluster; its ideas read as unclustered (their placements name a cluster that is gone). */
export function dissolveCluster(
  control: Y.Doc,
  id: ClusterId,
  origin: DocOrigin = LOCAL_ORIGIN
): Result<void, CommandError> {
  if (!entityIn(control, ROOT.clusters, id)) return err('notFound');
  control.transact(() => writableRoot(control, ROOT.clusters).delete(id), origin);
  return ok(undefined);
}

/** Calls `onChange` once per transaction that touched clusters or placements. */
export function observeClusters(control: Y.Doc, onChange: () => void): () => void {
  let changed = false;
  const mark = () => (changed = true);
  const flush = () => {
    if (!changed) return;
    changed = false;
    onChange();
  };
  const maps = [ROOT.clusters, ROOT.placement].map((r) => rootMap(control, r)).filter((m) => m !== null);
  for (const m of maps) m.observeDeep(mark);
  control.on('afterTransaction', flush);
  return () => {
    for (const m of maps) m.unobserveDeep(mark);
    control.off('afterTransaction', flush);
  };
}
