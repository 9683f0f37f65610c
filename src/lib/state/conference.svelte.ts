// ConferenceView: the reactive read model of one conference for the UI. Getters return frozen plain
// snapshots read through lib/doc; a snapshot is cached until its document changes, so repeated reads in
// one render cost nothing and unchanged data keeps its identity. Ideas are read whole once and then
// patched per changed idea (IdeaIndex), so a busy table costs per arrival, not per idea; with `settleMs`
// the screens re-render for ideas at most once per that many ms (the first change at once, later ones
// within the window together at its end), since every render costs a phone style and layout work and 50
// arrivals a second left no time for typing. Reads between renders are always current. Reactivity comes
// from createSubscriber over observeDeep: the Y.Docs are never put into $state and no Y type leaves this
// class.

import { createSubscriber } from 'svelte/reactivity';
import {
  observeDoc,
  observeIdeas,
  readConference,
  readFields,
  readHiddenIdeas,
  readIdea,
  readIdeas,
  readPolicy,
  readTables,
  type ConferenceDocs,
  type HiddenIdea
} from '../doc';
import type { ConferenceInfo, Field, Idea, IdeaId, Table, TableId } from '../model';
import { IdeaIndex } from './idea-index';

/** How long after a key the slower pace holds, and that pace. */
const TYPING_HOLD_MS = 1500;
const TYPING_SETTLE_MS = 1500;

export class ConferenceView {
  readonly #docs: ConferenceDocs;
  readonly #stop: (() => void)[] = [];
  #stopShared: () => void = () => undefined;
  #notifyControl: (() => void) | null = null;
  #notifyShared: (() => void) | null = null;
  #notifyHidden: (() => void) | null = null;
  readonly #subscribeControl: () => void;
  readonly #subscribeHidden: () => void;
  readonly #subscribeShared: () => void;

  #info: Readonly<ConferenceInfo> | null = null;
  #fields: readonly Readonly<Field>[] | null = null;
  #tables: readonly Readonly<Table>[] | null = null;
  #locked: boolean | null = null;
  #hidden: ReadonlyMap<IdeaId, Readonly<HiddenIdea>> | null = null;
  /** Per table: the index's list it was filtered from, and the result (plain bookkeeping, not state). */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  readonly #visible = new Map<TableId, { from: readonly Readonly<Idea>[]; out: readonly Readonly<Idea>[] }>();
  /** Built on the first read of ideas, then patched per change. */
  #index: IdeaIndex | null = null;
  readonly #settleMs: number;
  #lastShared = -Infinity;
  #sharedTimer: ReturnType<typeof setTimeout> | undefined;
  #typingUntil = -Infinity;

  constructor(docs: ConferenceDocs, options: { settleMs?: number } = {}) {
    this.#docs = docs;
    this.#settleMs = options.settleMs ?? 0;
    // Caches are dropped on every change, subscribed or not, so a read outside an effect is never stale.
    this.#stop.push(
      observeDoc(docs.control, 'control', () => {
        this.#info = this.#fields = this.#tables = null;
        this.#locked = null;
        this.#notifyControl?.();
        // Lists of ideas depend on which are hidden, not on the rest of the control document.
        const hidden = readHiddenIdeas(docs.control);
        if (!sameHidden(this.#hidden, hidden)) {
          this.#hidden = hidden;
          this.#notifyHidden?.();
        }
      })
    );
    this.#observeShared();
    this.#subscribeControl = createSubscriber((update) => {
      this.#notifyControl = update;
      return () => (this.#notifyControl = null);
    });
    this.#subscribeHidden = createSubscriber((update) => {
      this.#notifyHidden = update;
      return () => (this.#notifyHidden = null);
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

  /** Ideas facilitators hid, with the reason (lib/doc/idea-moderation.ts). */
  get hiddenIdeas(): ReadonlyMap<IdeaId, Readonly<HiddenIdea>> {
    this.#subscribeHidden();
    return (this.#hidden ??= readHiddenIdeas(this.#docs.control));
  }

  /** All ideas but the hidden ones, oldest first. */
  get ideas(): readonly Readonly<Idea>[] {
    this.#subscribeShared();
    const hidden = this.hiddenIdeas;
    const all = this.#ideaIndex().all;
    return hidden.size === 0 ? all : all.filter((i) => !hidden.has(i.id));
  }

  /**
   * Ideas of one table but the hidden ones, oldest first. The same array comes back as long as neither
   * the table's ideas nor which of them are hidden changed (a control change such as a timer tick must
   * not re-render a list of 2,000 ideas).
   */
  ideasFor(tableId: TableId): readonly Readonly<Idea>[] {
    this.#subscribeShared();
    const from = this.#ideaIndex().forTable(tableId);
    const hidden = this.hiddenIdeas;
    const memo = this.#visible.get(tableId);
    const out = hidden.size === 0 ? from : from.filter((i) => !hidden.has(i.id));
    const result =
      out.length === from.length
        ? from
        : memo && memo.from === from && sameItems(memo.out, out)
          ? memo.out
          : Object.freeze(out);
    this.#visible.set(tableId, { from, out: result });
    return result;
  }

  /** The hidden ideas of one table with their reasons, oldest first (for their authors and facilitators). */
  hiddenIdeasFor(tableId: TableId): { idea: Readonly<Idea>; reason: string }[] {
    this.#subscribeShared();
    const hidden = this.hiddenIdeas;
    if (hidden.size === 0) return [];
    return this.#ideaIndex()
      .forTable(tableId)
      .flatMap((idea) => {
        const h = hidden.get(idea.id);
        return h ? [{ idea, reason: h.reason }] : [];
      });
  }

  /** Number of ideas (not hidden) per table; a table without ideas is absent (use `?? 0`). */
  get ideaCounts(): ReadonlyMap<TableId, number> {
    this.#subscribeShared();
    const counts = this.#ideaIndex().counts;
    const hidden = this.hiddenIdeas;
    if (hidden.size === 0) return counts;
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a fresh snapshot, never mutated later
    const out = new Map(counts);
    for (const id of hidden.keys()) {
      const table = this.#ideaIndex().tableOf(id);
      if (table === undefined) continue;
      const n = (out.get(table) ?? 0) - 1;
      if (n > 0) out.set(table, n);
      else out.delete(table);
    }
    return out;
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
    clearTimeout(this.#sharedTimer);
    this.#stopShared();
    for (const stop of this.#stop.splice(0)) stop();
    this.#notifyControl = this.#notifyShared = this.#notifyHidden = null;
  }

  #ideaIndex(): IdeaIndex {
    return (this.#index ??= new IdeaIndex(readIdeas(this.#docs.shared)));
  }

  #observeShared(): void {
    const shared = this.#docs.shared;
    this.#stopShared = observeIdeas(shared, (keys) => {
      // Nothing read yet: the first read builds the index from the document as it is then.
      if (!this.#index) return this.#sharedChanged();
      const changes = [...keys].map((key): [IdeaId, Idea | null] => [
        key as IdeaId,
        readIdea(shared, key as IdeaId)
      ]);
      if (this.#index.apply(changes)) this.#sharedChanged();
    });
  }

  /**
   * The person is typing on this device. For a moment others' ideas are shown at most every
   * TYPING_SETTLE_MS instead of every settleMs: showing them costs a render, and a key pressed during a
   * render waits for it (on a busy table with a slow phone, typing lagged by a third of a second).
   */
  typing(): void {
    this.#typingUntil = performance.now() + TYPING_HOLD_MS;
  }

  /** Tells subscribers of ideas, at most once per settleMs (TYPING_SETTLE_MS while the person types). */
  #sharedChanged(): void {
    if (this.#sharedTimer !== undefined) return; // a render at the window's end is due
    const now = performance.now();
    const settle = now < this.#typingUntil ? Math.max(this.#settleMs, TYPING_SETTLE_MS) : this.#settleMs;
    const wait = this.#lastShared + settle - now;
    if (wait <= 0) {
      this.#lastShared = performance.now();
      this.#notifyShared?.();
      return;
    }
    this.#sharedTimer = setTimeout(() => {
      this.#sharedTimer = undefined;
      this.#lastShared = performance.now();
      this.#notifyShared?.();
    }, wait);
  }

  #dropShared(): void {
    this.#index = null;
    this.#visible.clear();
    this.#notifyShared?.();
  }
}

function sameHidden(
  a: ReadonlyMap<IdeaId, Readonly<HiddenIdea>> | null,
  b: ReadonlyMap<IdeaId, Readonly<HiddenIdea>>
): boolean {
  if (!a || a.size !== b.size) return false;
  for (const [id, h] of b) if (a.get(id)?.reason !== h.reason) return false;
  return true;
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function freezeAll<T extends object>(items: T[]): readonly Readonly<T>[] {
  for (const item of items) Object.freeze(item);
  return Object.freeze(items);
}
