// ConferenceView: the reactive read model of one conference for the UI. Getters return frozen plain
// snapshots read through lib/doc; a snapshot is cached until its document changes, so repeated reads in
// one render cost nothing and unchanged data keeps its identity. Reactivity comes from createSubscriber
// over observeDeep: the Y.Docs are never put into $state and no Y type leaves this class.

import { createSubscriber } from 'svelte/reactivity';
import {
  countIdeasByTable,
  observeDoc,
  readConference,
  readFields,
  readIdeas,
  readPolicy,
  readTables,
  type ConferenceDocs
} from '../doc';
import type { ConferenceInfo, Field, Idea, Table, TableId } from '../model';

export class ConferenceView {
  readonly #docs: ConferenceDocs;
  readonly #stop: (() => void)[] = [];
  #stopShared: () => void = () => undefined;
  #notifyControl: (() => void) | null = null;
  #notifyShared: (() => void) | null = null;
  readonly #subscribeControl: () => void;
  readonly #subscribeShared: () => void;

  #info: Readonly<ConferenceInfo> | null = null;
  #fields: readonly Readonly<Field>[] | null = null;
  #tables: readonly Readonly<Table>[] | null = null;
  #locked: boolean | null = null;
  // A plain cache, not reactive state: reactivity comes from the subscribers below.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #ideas = new Map<TableId, readonly Readonly<Idea>[]>();
  #allIdeas: readonly Readonly<Idea>[] | null = null;
  #counts: ReadonlyMap<TableId, number> | null = null;

  constructor(docs: ConferenceDocs) {
    this.#docs = docs;
    // Caches are dropped on every change, subscribed or not, so a read outside an effect is never stale.
    this.#stop.push(
      observeDoc(docs.control, 'control', () => {
        this.#info = this.#fields = this.#tables = null;
        this.#locked = null;
        this.#notifyControl?.();
      })
    );
    this.#observeShared();
    this.#subscribeControl = createSubscriber((update) => {
      this.#notifyControl = update;
      return () => (this.#notifyControl = null);
    });
    this.#subscribeShared = createSubscriber((update) => {
      this.#notifyShared = update;
      return () => (this.#notifyShared = null);
    });
  }

  get info(): Readonly<ConferenceInfo> {
    this.#subscribeControl();
    return (this.#info ??= Object.freeze(readConference(this.#docs.control)));
  }

  /** Handlungsfelder in display order. */
  get fields(): readonly Readonly<Field>[] {
    this.#subscribeControl();
    return (this.#fields ??= freezeAll(readFields(this.#docs.control)));
  }

  /** Thementische in display order. */
  get tables(): readonly Readonly<Table>[] {
    this.#subscribeControl();
    return (this.#tables ??= freezeAll(readTables(this.#docs.control)));
  }

  /** True while the facilitators closed the round (participants read, but cannot write). */
  get locked(): boolean {
    this.#subscribeControl();
    return (this.#locked ??= readPolicy(this.#docs.control).locked);
  }

  /** All ideas, oldest first. */
  get ideas(): readonly Readonly<Idea>[] {
    this.#subscribeShared();
    return (this.#allIdeas ??= freezeAll(readIdeas(this.#docs.shared)));
  }

  /** Ideas of one table, oldest first. */
  ideasFor(tableId: TableId): readonly Readonly<Idea>[] {
    this.#subscribeShared();
    let list = this.#ideas.get(tableId);
    if (!list) {
      list = freezeAll(readIdeas(this.#docs.shared, tableId));
      this.#ideas.set(tableId, list);
    }
    return list;
  }

  /** Number of ideas per table; a table without ideas is absent (use `?? 0`). */
  get ideaCounts(): ReadonlyMap<TableId, number> {
    this.#subscribeShared();
    return (this.#counts ??= countIdeasByTable(this.#docs.shared));
  }

  /**
   * Reads `docs.shared` anew after the session swapped it for a fresh document (reloaded from the relay
   * when the relay refused this device's writes).
   */
  replaceShared(): void {
    this.#stopShared();
    this.#observeShared();
    this.#dropShared();
  }

  /** Stops observing the documents (the documents themselves stay open). */
  destroy(): void {
    this.#stopShared();
    for (const stop of this.#stop.splice(0)) stop();
    this.#notifyControl = this.#notifyShared = null;
  }

  #observeShared(): void {
    this.#stopShared = observeDoc(this.#docs.shared, 'shared', () => this.#dropShared());
  }

  #dropShared(): void {
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    this.#ideas = new Map();
    this.#allIdeas = this.#counts = null;
    this.#notifyShared?.();
  }
}

function freezeAll<T extends object>(items: T[]): readonly Readonly<T>[] {
  for (const item of items) Object.freeze(item);
  return Object.freeze(items);
}
