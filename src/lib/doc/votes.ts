// Dot votes. The vote itself is a facilitators' decision (control doc `votes.<VoteId>`: a Y.Map { tableId,
// target, budget, maxPerItem, status, revealed, createdAt }); each person's points are their own entry in
// the shared doc (`ballots.<VoteId>.<ballotKey>`: a Y.Map { voteId, points: Y.Map<targetId, number>,
// createdAt }), created by their client, so concurrent votes never cancel and the relay's ownership rule
// covers them. The ballot key is stable per person and vote (lib/state derives it from the device's
// participant key), so a reload reuses the same ballot. Reads apply `isValidBallot` to every ballot as a
// whole: a modified client's over-budget ballot counts for nothing on every reader.

import * as Y from 'yjs';
import {
  err,
  isEntityId,
  isValidBallot,
  newVoteId,
  ok,
  VOTE_BUDGET_DEFAULT,
  VOTE_BUDGET_MAX,
  voteItems,
  type ClusterBoard,
  type CommandError,
  type RankedItem,
  type Result,
  type TableId,
  type Vote,
  type VoteId,
  type VoteResult,
  type VoteTarget
} from '../model';
import { readClusterBoard } from './clusters';
import { LOCAL_ORIGIN, type DocOrigin } from './origin';
import { asEntity, ROOT, rootMap } from './schema';
import { createEntity, entityIn, setIfChanged, writableRoot } from './write';

export const VOTE = Object.freeze({
  tableId: 'tableId',
  target: 'target',
  budget: 'budget',
  maxPerItem: 'maxPerItem',
  status: 'status',
  revealed: 'revealed',
  createdAt: 'createdAt'
});
export const BALLOT = Object.freeze({ voteId: 'voteId', points: 'points', createdAt: 'createdAt' });

export type VoteError = CommandError | 'voteClosed' | 'overBudget' | 'invalidBudget';

export const BALLOT_KEY = /^[A-Za-z0-9_-]{8,64}$/;
export const ballotId = (voteId: VoteId, ballotKey: string): string => `${voteId}.${ballotKey}`;

function voteFrom(id: string, m: Y.Map<unknown>): Vote | null {
  const tableId = m.get(VOTE.tableId);
  if (!isEntityId(id) || !isEntityId(tableId)) return null;
  const budgetRaw = m.get(VOTE.budget);
  const budget =
    typeof budgetRaw === 'number' &&
    Number.isInteger(budgetRaw) &&
    budgetRaw >= 1 &&
    budgetRaw <= VOTE_BUDGET_MAX
      ? budgetRaw
      : VOTE_BUDGET_DEFAULT;
  const per = m.get(VOTE.maxPerItem);
  const createdAt = m.get(VOTE.createdAt);
  return {
    id: id as VoteId,
    tableId: tableId as TableId,
    target: m.get(VOTE.target) === 'clusters' ? 'clusters' : 'ideas',
    budget,
    // Anything but "one per item" means the whole budget may go on one item.
    maxPerItem: per === 1 ? 1 : budget,
    status: m.get(VOTE.status) === 'closed' ? 'closed' : 'open',
    revealed: m.get(VOTE.revealed) === true,
    createdAt: typeof createdAt === 'number' && Number.isFinite(createdAt) ? createdAt : 0
  };
}

/** The votes of one table, newest first. */
export function readVotes(control: Y.Doc, tableId: TableId): Vote[] {
  const out: Vote[] = [];
  rootMap(control, ROOT.votes)?.forEach((value, id) => {
    const m = asEntity(value);
    const v = m ? voteFrom(id, m) : null;
    if (v && v.tableId === tableId) out.push(v);
  });
  return out.sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export function readVote(control: Y.Doc, id: VoteId): Vote | null {
  const m = entityIn(control, ROOT.votes, id);
  return m ? voteFrom(id, m) : null;
}

export interface VoteInput {
  target: VoteTarget;
  budget: number;
  /** More than one point on one item allowed. */
  multiple: boolean;
}

export function startVote(
  control: Y.Doc,
  tableId: TableId,
  input: VoteInput,
  origin: DocOrigin = LOCAL_ORIGIN
): Result<VoteId, VoteError> {
  if (!entityIn(control, ROOT.tables, tableId)) return err('notFound');
  const b = input.budget;
  if (!Number.isInteger(b) || b < 1 || b > VOTE_BUDGET_MAX) return err('invalidBudget', 'budget');
  const id = newVoteId();
  control.transact(() => {
    createEntity(writableRoot(control, ROOT.votes), id, {
      [VOTE.tableId]: tableId,
      [VOTE.target]: input.target === 'clusters' ? 'clusters' : 'ideas',
      [VOTE.budget]: b,
      [VOTE.maxPerItem]: input.multiple ? b : 1,
      [VOTE.status]: 'open',
      [VOTE.revealed]: false,
      [VOTE.createdAt]: Date.now()
    });
  }, origin);
  return ok(id);
}

/** Opens or closes a vote, and shows or hides its result. */
export function setVoteState(
  control: Y.Doc,
  id: VoteId,
  patch: { status?: 'open' | 'closed'; revealed?: boolean },
  origin: DocOrigin = LOCAL_ORIGIN
): Result<void, VoteError> {
  const m = entityIn(control, ROOT.votes, id);
  if (!m) return err('notFound');
  control.transact(() => {
    if (patch.status) setIfChanged(m, VOTE.status, patch.status);
    if (patch.revealed !== undefined) setIfChanged(m, VOTE.revealed, patch.revealed);
  }, origin);
  return ok(undefined);
}

export function removeVote(
  control: Y.Doc,
  id: VoteId,
  origin: DocOrigin = LOCAL_ORIGIN
): Result<void, VoteError> {
  if (!entityIn(control, ROOT.votes, id)) return err('notFound');
  control.transact(() => writableRoot(control, ROOT.votes).delete(id), origin);
  return ok(undefined);
}

/** Raw points of one ballot entry (unchecked). */
function pointsOf(entry: Y.Map<unknown>): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const points = entry.get(BALLOT.points);
  if (points instanceof Y.Map) points.forEach((v, k) => out.set(k, v));
  return out;
}

/** This person's points in a vote (items with 0 points are absent). */
export function readBallot(shared: Y.Doc, voteId: VoteId, ballotKey: string): Map<string, number> {
  const entry = asEntity(rootMap(shared, ROOT.ballots)?.get(ballotId(voteId, ballotKey)));
  const out = new Map<string, number>();
  if (!entry) return out;
  for (const [k, v] of pointsOf(entry)) if (typeof v === 'number' && v > 0) out.set(k, v);
  return out;
}

/**
 * Sets this person's points on one item (0 removes them). Refused when the vote is closed or gone, the item
 * is over `maxPerItem` or the ballot over budget. Creates the ballot entry on the first point.
 */
export function setBallotPoints(
  docs: { control: Y.Doc; shared: Y.Doc },
  voteId: VoteId,
  ballotKey: string,
  itemId: string,
  points: number,
  origin: DocOrigin = LOCAL_ORIGIN
): Result<void, VoteError> {
  const vote = readVote(docs.control, voteId);
  if (!vote) return err('notFound');
  if (vote.status !== 'open') return err('voteClosed');
  if (!BALLOT_KEY.test(ballotKey) || !isEntityId(itemId)) return err('notFound');
  if (!Number.isInteger(points) || points < 0 || points > vote.maxPerItem) return err('overBudget');
  const current = readBallot(docs.shared, voteId, ballotKey);
  current.set(itemId, points);
  if (!isValidBallot(current, vote)) return err('overBudget');
  const root = writableRoot(docs.shared, ROOT.ballots);
  const key = ballotId(voteId, ballotKey);
  docs.shared.transact(() => {
    let entry = asEntity(root.get(key));
    if (!entry) {
      entry = createEntity(root, key, { [BALLOT.voteId]: voteId, [BALLOT.createdAt]: Date.now() });
      entry.set(BALLOT.points, new Y.Map<unknown>());
    }
    let map = entry.get(BALLOT.points);
    if (!(map instanceof Y.Map)) {
      map = new Y.Map<unknown>();
      entry.set(BALLOT.points, map);
    }
    const pm = map as Y.Map<unknown>;
    if (points === 0) {
      if (pm.has(itemId)) pm.delete(itemId);
    } else setIfChanged(pm, itemId, points);
  }, origin);
  return ok(undefined);
}

/**
 * The result of a vote over the items of its table (ideas or clusters, `board` read when not given):
 * invalid ballots are ignored whole, points on items that are gone are dropped; ranking by points, then
 * board order. Null when the vote does not exist.
 */
export function readVoteResult(
  control: Y.Doc,
  shared: Y.Doc,
  voteId: VoteId,
  board?: ClusterBoard
): VoteResult | null {
  const vote = readVote(control, voteId);
  if (!vote) return null;
  const items = voteItems(board ?? readClusterBoard(control, shared, vote.tableId), vote.target);
  const totals = new Map<string, number>(items.map((i) => [i.id, 0]));
  let voters = 0;
  let total = 0;
  const prefix = `${voteId}.`;
  rootMap(shared, ROOT.ballots)?.forEach((value, key) => {
    if (!key.startsWith(prefix) || !BALLOT_KEY.test(key.slice(prefix.length))) return;
    const entry = asEntity(value);
    if (!entry || entry.get(BALLOT.voteId) !== voteId) return;
    const points = pointsOf(entry);
    if (!isValidBallot(points, vote)) return;
    let counted = 0;
    for (const [id, p] of points) {
      const t = totals.get(id);
      if (t === undefined || typeof p !== 'number' || p === 0) continue;
      totals.set(id, t + p);
      counted += p;
    }
    if (counted > 0) voters++;
    total += counted;
  });
  const ranking: RankedItem[] = items
    .map((item, index) => ({ item, index, points: totals.get(item.id) ?? 0 }))
    .sort((a, b) => b.points - a.points || a.index - b.index)
    .map(({ item, points }) => ({ id: item.id, label: item.label, points }));
  return { vote, ranking, voters, total };
}

/** Counts the people who have put at least one point into a vote (valid ballots only). */
export function countVoters(control: Y.Doc, shared: Y.Doc, voteId: VoteId): number {
  return readVoteResult(control, shared, voteId)?.voters ?? 0;
}

/** Calls `onChange` once per transaction that touched votes (control) or ballots (shared). */
export function observeVotes(docs: { control: Y.Doc; shared: Y.Doc }, onChange: () => void): () => void {
  const stops: (() => void)[] = [];
  const watch = (doc: Y.Doc, root: string) => {
    const map = rootMap(doc, root);
    if (!map) return;
    let changed = false;
    const mark = () => (changed = true);
    const flush = () => {
      if (!changed) return;
      changed = false;
      onChange();
    };
    map.observeDeep(mark);
    doc.on('afterTransaction', flush);
    stops.push(() => {
      map.unobserveDeep(mark);
      doc.off('afterTransaction', flush);
    });
  };
  watch(docs.control, ROOT.votes);
  watch(docs.shared, ROOT.ballots);
  return () => stops.forEach((s) => s());
}

/**
 * The points of every ballot of a vote that counts (valid as a whole, `readVoteResult`'s rule), as plain
 * records without their ballot keys (items with 0 points left out), in a canonical order: what a complete
 * export carries so the result can be recomputed, and nothing that tells whose ballot it was.
 */
export function readBallots(control: Y.Doc, shared: Y.Doc, voteId: VoteId): Record<string, number>[] {
  const vote = readVote(control, voteId);
  if (!vote) return [];
  const out: Record<string, number>[] = [];
  const prefix = `${voteId}.`;
  rootMap(shared, ROOT.ballots)?.forEach((value, key) => {
    if (!key.startsWith(prefix) || !BALLOT_KEY.test(key.slice(prefix.length))) return;
    const entry = asEntity(value);
    if (!entry || entry.get(BALLOT.voteId) !== voteId) return;
    const points = pointsOf(entry);
    if (!isValidBallot(points, vote)) return;
    const ballot: Record<string, number> = {};
    for (const [id, p] of [...points].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      if (typeof p === 'number' && p > 0 && isEntityId(id)) ballot[id] = p;
    if (Object.keys(ballot).length > 0) out.push(ballot);
  });
  const keyOf = (b: Record<string, number>) => JSON.stringify(b);
  return out.sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
}
