// The Ernte of the Thementische for the screens: each table's harvest (key results, strongest clusters,
// next steps with who) read reactively from the control document, and the facilitators' verbs. Everyone
// reads; facilitators (the table hosts) write. A capability controller over the session.

import { createSubscriber } from 'svelte/reactivity';
import {
  addHarvestStep,
  LOCAL_ORIGIN,
  moveHarvestStep,
  observeDoc,
  readHarvest,
  removeHarvestStep,
  setHarvestClusters,
  setHarvestResults,
  updateHarvestStep
} from '../doc';
import type { CommandError, Harvest, HarvestCluster, Result, StepId, TableId } from '../model';
import type { ConferenceSession, SessionError } from './session.svelte';

export class HarvestBoard {
  readonly #session: ConferenceSession;
  readonly #stop: () => void;
  #notify: (() => void) | null = null;
  readonly #subscribe: () => void;
  // A plain cache cleared on change; reactivity comes from the subscriber.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #cache = new Map<string, Harvest>();

  constructor(session: ConferenceSession) {
    this.#session = session;
    this.#stop = observeDoc(session.docs.control, 'control', () => {
      this.#cache.clear();
      this.#notify?.();
    });
    this.#subscribe = createSubscriber((update) => {
      this.#notify = update;
      return () => (this.#notify = null);
    });
  }

  get canEdit(): boolean {
    return this.#session.canModerate;
  }

  of(tableId: TableId): Harvest {
    this.#subscribe();
    let h = this.#cache.get(tableId);
    if (!h) {
      h = readHarvest(this.#session.docs.control, tableId);
      this.#cache.set(tableId, h);
    }
    return h;
  }

  setResults(tableId: TableId, next: string, base?: string): Result<void, SessionError> {
    return this.#edit(() => setHarvestResults(this.#session.docs.control, tableId, next, base, LOCAL_ORIGIN));
  }

  setClusters(tableId: TableId, clusters: readonly HarvestCluster[]): Result<void, SessionError> {
    return this.#edit(() => setHarvestClusters(this.#session.docs.control, tableId, clusters, LOCAL_ORIGIN));
  }

  addStep(tableId: TableId, input: { text: string; who?: string }): Result<StepId, SessionError> {
    return this.#edit(() => addHarvestStep(this.#session.docs.control, tableId, input, LOCAL_ORIGIN));
  }

  updateStep(
    tableId: TableId,
    stepId: StepId,
    patch: { text?: string; who?: string }
  ): Result<void, SessionError> {
    return this.#edit(() =>
      updateHarvestStep(this.#session.docs.control, tableId, stepId, patch, LOCAL_ORIGIN)
    );
  }

  removeStep(tableId: TableId, stepId: StepId): Result<void, SessionError> {
    return this.#edit(() => removeHarvestStep(this.#session.docs.control, tableId, stepId, LOCAL_ORIGIN));
  }

  moveStep(tableId: TableId, stepId: StepId, toIndex: number): Result<void, SessionError> {
    return this.#edit(() =>
      moveHarvestStep(this.#session.docs.control, tableId, stepId, toIndex, LOCAL_ORIGIN)
    );
  }

  destroy(): void {
    this.#stop();
  }

  #edit<T>(run: () => Result<T, CommandError>): Result<T, SessionError> {
    if (!this.canEdit) return { ok: false, error: 'notAllowed' };
    return run();
  }
}
