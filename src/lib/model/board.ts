// Clusters and dot votes of a Thementisch as plain data (lib/doc reads them; lib/ui renders them), and the
// one rule every reader applies to a ballot: a ballot over budget, over the per-item limit or with points
// that are not whole non-negative numbers counts for nothing, the same way on every device.

import type { IdeaId, TableId } from './ids';
import { randomBase64url } from './random';
import type { Idea } from './types';

declare const brand: unique symbol;
export type ClusterId = string & { readonly [brand]: 'ClusterId' };
export type VoteId = string & { readonly [brand]: 'VoteId' };

export const newClusterId = (): ClusterId => randomBase64url(16) as ClusterId;
export const newVoteId = (): VoteId => randomBase64url(16) as VoteId;

export const CLUSTER_NAME_MAX = 80;

export interface Cluster {
  id: ClusterId;
  tableId: TableId;
  name: string;
  order: string;
  createdAt: number;
}

export interface ClusterWithIdeas extends Cluster {
  ideas: readonly Idea[];
}

/** A table's ideas as the facilitators grouped them: every idea exactly once. */
export interface ClusterBoard {
  clusters: readonly ClusterWithIdeas[];
  unclustered: readonly Idea[];
}

/** Where a facilitator put one idea: `cluster` null = not in a cluster; `order` within the cluster. */
export interface Placement {
  cluster: ClusterId | null;
  order: string;
}

export type VoteTarget = 'ideas' | 'clusters';
export type VoteStatus = 'open' | 'closed';

export const VOTE_BUDGET_DEFAULT = 3;
export const VOTE_BUDGET_MAX = 20;

export interface Vote {
  id: VoteId;
  tableId: TableId;
  target: VoteTarget;
  /** Points per person. */
  budget: number;
  /** 1, or `budget` when more than one point per item is allowed. */
  maxPerItem: number;
  status: VoteStatus;
  revealed: boolean;
  createdAt: number;
}

export interface RankedItem {
  id: string;
  label: string;
  points: number;
}

export interface VoteResult {
  vote: Vote;
  /** Every votable item, most points first, then in the board's order. */
  ranking: readonly RankedItem[];
  /** People whose ballot is valid and holds at least one point. */
  voters: number;
  /** Sum of the points of valid ballots on items that still exist. */
  total: number;
}

/** True when a ballot may count: whole non-negative points, none over `maxPerItem`, total within budget. */
export function isValidBallot(points: ReadonlyMap<string, unknown>, vote: Vote): boolean {
  let sum = 0;
  for (const value of points.values()) {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) return false;
    if (value > vote.maxPerItem) return false;
    sum += value;
  }
  return sum <= vote.budget;
}

/** Points left for a ballot (never negative). */
export function pointsLeft(points: ReadonlyMap<string, number>, vote: Vote): number {
  let sum = 0;
  for (const v of points.values()) sum += v;
  return Math.max(0, vote.budget - sum);
}

/** Ideas or clusters as the items of a vote, in the board's order. */
export function voteItems(board: ClusterBoard, target: VoteTarget): { id: string; label: string }[] {
  if (target === 'clusters') return board.clusters.map((c) => ({ id: c.id, label: c.name }));
  const ideas: Idea[] = [];
  for (const c of board.clusters) ideas.push(...c.ideas);
  ideas.push(...board.unclustered);
  return ideas.map((i) => ({ id: i.id, label: i.text }));
}

export type { IdeaId };
