// ClusterBoardView: the facilitators' clusters of one Thementisch as a reactive read model, and their verbs
// (one command each, facilitators only). The board joins the control doc's clusters and placements with
// the table's ideas from ConferenceView (already indexed), cached until either changes.

import { createSubscriber } from 'svelte/reactivity';
import {
  addCluster,
  buildClusterBoard,
  dissolveCluster,
  LOCAL_ORIGIN,
  mergeClusters,
  moveCluster,
  observeClusters,
  placeIdeas,
  readClusters,
  readPlacements,
  renameCluster
} from '../doc';
import type {
  Cluster,
  ClusterBoard,
  ClusterId,
  CommandError,
  Idea,
  IdeaId,
  Placement,
  Result,
  TableId
} from '../model';
import type { ConferenceSession, SessionError } from './session.svelte';

export class ClusterBoardView {
  readonly #session: ConferenceSession;
  readonly #tableId: TableId;
  readonly #stop: () => void;
  readonly #subscribe: () => void;
  #notify: (() => void) | null = null;
  #clusters: Cluster[] | null = null;
  #placements: Map<IdeaId, Placement> | null = null;
  #board: ClusterBoard | null = null;
  #boardIdeas: readonly Idea[] | null = null;

  constructor(session: ConferenceSession, tableId: TableId) {
    this.#session = session;
    this.#tableId = tableId;
    this.#stop = observeClusters(session.docs.control, () => {
      this.#clusters = this.#placements = this.#board = null;
      this.#notify?.();
    });
    this.#subscribe = createSubscriber((update) => {
      this.#notify = update;
      return () => (this.#notify = null);
    });
  }

  get canModerate(): boolean {
    return this.#session.canModerate;
  }

  /** Clusters in order with their ideas, and the ideas in no cluster: every idea of the table once. */
  get board(): ClusterBoard {
    this.#subscribe();
    const ideas = this.#session.view.ideasFor(this.#tableId);
    if (this.#board && this.#boardIdeas === ideas) return this.#board;
    const control = this.#session.docs.control;
    this.#clusters ??= readClusters(control, this.#tableId);
    this.#placements ??= readPlacements(control);
    this.#boardIdeas = ideas;
    return (this.#board = buildClusterBoard(this.#clusters, this.#placements, ideas));
  }

  add(name: string, ideaIds: readonly IdeaId[] = []): Result<ClusterId, SessionError> {
    return this.#moderated(() => addCluster(this.#control, this.#tableId, name, ideaIds, LOCAL_ORIGIN));
  }

  rename(id: ClusterId, name: string): Result<void, SessionError> {
    return this.#moderated(() => renameCluster(this.#control, id, name, LOCAL_ORIGIN));
  }

  moveCluster(id: ClusterId, toIndex: number): Result<void, SessionError> {
    return this.#moderated(() => moveCluster(this.#control, id, toIndex, LOCAL_ORIGIN));
  }

  /** Puts ideas into a cluster (at `toIndex` of its ideas, else at its end) or back to unclustered. */
  place(ideaIds: readonly IdeaId[], cluster: ClusterId | null, toIndex?: number): Result<void, SessionError> {
    return this.#moderated(() => placeIdeas(this.#control, ideaIds, cluster, toIndex, LOCAL_ORIGIN));
  }

  merge(from: ClusterId, into: ClusterId): Result<void, SessionError> {
    return this.#moderated(() => mergeClusters(this.#control, from, into, LOCAL_ORIGIN));
  }

  dissolve(id: ClusterId): Result<void, SessionError> {
    return this.#moderated(() => dissolveCluster(this.#control, id, LOCAL_ORIGIN));
  }

  destroy(): void {
    this.#stop();
    this.#notify = null;
  }

  get #control() {
    return this.#session.docs.control;
  }

  #moderated<T>(run: () => Result<T, CommandError>): Result<T, SessionError> {
    if (!this.#session.canModerate) return { ok: false, error: 'notAllowed' };
    return run();
  }
}
