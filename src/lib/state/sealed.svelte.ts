// Sealed drafts on this device (ARCHITECTURE.md, lib/doc/sealed.ts). While a facilitator seals a scope,
// a participant's entries of it go into a document of their own (`targetDocForIdeas`, `sealedDoc`), kept
// in IndexedDB like the others (an offline phone keeps them) and synced with the relay, which shows them
// to nobody else until the reveal. The author sees them at once (`sealedIdeasFor`). When the scope is
// revealed (or the relay refuses a sealed write as `revealed`), this device puts its sealed document into
// the shared one itself as well: the same items under the same client ids, so it changes nothing where the
// relay merged already, and a draft written offline appears as it arrives. Scopes with a sealed document
// on this device are remembered in the device record, so a phone that was offline during the reveal still
// merges its drafts on the next start. Facilitators (who write to shared directly) get the relay's count
// of participants with sealed drafts (`watchCount`).
import { createSubscriber } from 'svelte/reactivity';
import type * as Y from 'yjs';
import {
  compareIdeas,
  createSealedDoc,
  mergeSealedInto,
  observeDoc,
  readIdeas,
  readSealedScopes,
  tableScope,
  sealScope,
  revealScope,
  LOCAL_ORIGIN
} from '../doc';
import type { CommandError, Idea, Result, RoomId, TableId } from '../model';
import { DocStore } from '../persistence/doc-store';
import type { Connection } from '../sync/connection.svelte';
import { fetchSealedCount, type RelayBase } from '../sync/relay-api';

const COUNT_INTERVAL_MS = 5000;
const EMPTY: ReadonlySet<string> = new Set();

export interface SealedDeps {
  roomId: RoomId;
  control: Y.Doc;
  /** The shared document now (it can be swapped after a refused write). */
  shared: () => Y.Doc;
  /** Participants write sealed drafts; facilitators and viewers never open one. */
  participant: boolean;
  /** Facilitators seal and reveal. */
  moderator: boolean;
  connection: Connection;
  /** Scopes this device holds sealed documents of (from the device record) and how to remember them. */
  remembered: readonly string[];
  remember: (scopes: string[]) => void;
  /** IndexedDB name of a scope's sealed document. */
  storeName: (scope: string) => string;
  /** For the facilitators' count. */
  relay: { base: RelayBase; token: string; fetch?: typeof fetch };
}

interface OpenSealed {
  doc: Y.Doc;
  store: DocStore;
  stop: () => void;
  revealing?: boolean;
}

export class SealedDrafts {
  readonly #deps: SealedDeps;
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- plain bookkeeping / a frozen result
  #scopes = $state.raw<ReadonlySet<string>>(new Set());
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- plain bookkeeping / a frozen result
  readonly #open = new Map<string, OpenSealed>();
  #notify: (() => void) | null = null;
  readonly #subscribe: () => void;
  readonly #counts = $state<Record<string, number>>({});
  readonly #stop: (() => void)[] = [];
  #remembered: string[];
  #destroyed = false;

  constructor(deps: SealedDeps) {
    this.#deps = deps;
    this.#subscribe = createSubscriber((update) => {
      this.#notify = update;
      return () => (this.#notify = null);
    });
    this.#remembered = [...deps.remembered];
    // Drafts of a scope revealed while this device was away are merged by the first #sync.
    if (deps.participant) for (const scope of deps.remembered) this.#openScope(scope);
    this.#stop.push(observeDoc(deps.control, 'control', () => this.#sync()));
    this.#sync();
  }

  /** The scopes sealed now. */
  get scopes(): ReadonlySet<string> {
    return this.#scopes;
  }

  isSealed(scope: string): boolean {
    return this.#scopes.has(scope);
  }

  /** True while this table's ideas are collected sealed. */
  tableSealed(tableId: TableId): boolean {
    return this.#scopes.has(tableScope(tableId));
  }

  /** This participant's sealed document of `scope` while it is sealed; null otherwise (or not a participant). */
  sealedDoc(scope: string): Y.Doc | null {
    return this.#scopes.has(scope) ? (this.#open.get(scope)?.doc ?? null) : null;
  }

  /** Seals (true) or reveals (false) a scope (`tableScope(id)`, `voteScope(id)`; facilitators only). */
  setSealed(scope: string, sealed: boolean): Result<void, 'notAllowed' | CommandError> {
    if (!this.#deps.moderator) return { ok: false, error: 'notAllowed' };
    return (sealed ? sealScope : revealScope)(this.#deps.control, scope, LOCAL_ORIGIN);
  }

  /** Collects a table's ideas sealed (true) or reveals them (false). */
  setTableSealed(tableId: TableId, sealed: boolean): Result<void, 'notAllowed' | CommandError> {
    return this.setSealed(tableScope(tableId), sealed);
  }

  /** sealedDoc, and this read model's subscription to it (a reactive read of what is in it). */
  watchedDoc(scope: string): Y.Doc | null {
    this.#subscribe();
    return this.sealedDoc(scope);
  }

  /** THE write path for ideas: this participant's sealed document while the table is sealed, else shared. */
  targetDocForIdeas(tableId: TableId): Y.Doc {
    return this.sealedDoc(tableScope(tableId)) ?? this.#deps.shared();
  }

  /** This participant's own ideas of a sealed table not in the shared document yet (only they see them). */
  sealedIdeasFor(tableId: TableId): readonly Readonly<Idea>[] {
    this.#subscribe();
    const doc = this.sealedDoc(tableScope(tableId));
    return doc ? readIdeas(doc, tableId) : [];
  }

  /**
   * What a table shows this person: the shared ideas and their own sealed ones (in the order of
   * `readIdeas`), and which of them only they see.
   */
  visibleIdeas(
    tableId: TableId,
    shared: readonly Readonly<Idea>[]
  ): { ideas: readonly Readonly<Idea>[]; privateIds: ReadonlySet<string> } {
    const own = this.sealedIdeasFor(tableId);
    if (own.length === 0) return { ideas: shared, privateIds: EMPTY };
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- plain bookkeeping / a frozen result
    const known = new Set(shared.map((idea) => idea.id as string));
    const extra = own.filter((idea) => !known.has(idea.id));
    return {
      ideas: [...shared, ...extra].sort(compareIdeas),
      // eslint-disable-next-line svelte/prefer-svelte-reactivity -- plain bookkeeping / a frozen result
      privateIds: new Set(extra.map((idea) => idea.id as string))
    };
  }

  /** For the DocLinks: updates applying a sealed document's stored state are no local change. */
  isStoreOrigin(origin: unknown): boolean {
    for (const open of this.#open.values()) if (open.store.isStoreOrigin(origin)) return true;
    return false;
  }

  /** Participants with sealed drafts of `scope`, as the relay last counted them (facilitators). */
  count(scope: string): number | null {
    return this.#counts[scope] ?? null;
  }

  /** The count of a table's sealed collection (facilitators). */
  tableCount(tableId: TableId): number | null {
    return this.count(tableScope(tableId));
  }

  /** watchCount for a table's sealed collection. */
  watchTableCount(tableId: TableId): () => void {
    return this.watchCount(tableScope(tableId));
  }

  /** Asks the relay for the count of `scope` now and every few seconds until the returned stop is called. */
  watchCount(scope: string): () => void {
    const { base, token, fetch } = this.#deps.relay;
    let stopped = false;
    const ask = async (): Promise<void> => {
      const n = await fetchSealedCount(base, this.#deps.roomId, scope, token, fetch);
      if (!stopped && n !== null) this.#counts[scope] = n;
    };
    void ask();
    const timer = setInterval(() => void ask(), COUNT_INTERVAL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }

  async destroy(): Promise<void> {
    this.#destroyed = true;
    for (const stop of this.#stop.splice(0)) stop();
    const open = [...this.#open.values()];
    this.#open.clear();
    for (const o of open) o.stop();
    await Promise.all(open.map((o) => o.store.destroy()));
  }

  #sync(): void {
    if (this.#destroyed) return;
    const scopes = readSealedScopes(this.#deps.control);
    if (!sameSet(this.#scopes, scopes)) this.#scopes = scopes;
    if (!this.#deps.participant) return;
    for (const scope of scopes) if (!this.#open.has(scope)) this.#openScope(scope);
    for (const scope of [...this.#open.keys()]) if (!scopes.has(scope)) void this.#reveal(scope);
    this.#rememberOpen();
    this.#notify?.();
  }

  /** The device record lists the scopes with a sealed document here (merged on a later start if need be). */
  #rememberOpen(): void {
    const open = [...this.#open.keys()].sort();
    if (open.join('\n') === this.#remembered.join('\n')) return;
    this.#remembered = open;
    this.#deps.remember(open);
  }

  #openScope(scope: string): OpenSealed {
    const doc = createSealedDoc(this.#deps.roomId, scope);
    const store = new DocStore(this.#deps.storeName(scope), doc);
    const detach = this.#deps.connection.attachSealed(scope, doc, () => {
      // `revealed` (the control document may not show it yet): into shared now; later drafts follow.
      mergeSealedInto(this.#deps.shared(), doc);
    });
    const unobserve = observeDoc(doc, 'shared', () => this.#notify?.());
    const open: OpenSealed = {
      doc,
      store,
      stop: () => {
        detach();
        unobserve();
      }
    };
    this.#open.set(scope, open);
    return open;
  }

  /** The scope was revealed: this device's drafts go into shared, the sealed document closes. */
  async #reveal(scope: string): Promise<void> {
    const open = this.#open.get(scope);
    if (!open || open.revealing) return;
    open.revealing = true;
    await open.store.whenLoaded;
    if (this.#destroyed) return;
    if (this.#scopes.has(scope)) {
      open.revealing = false; // sealed again meanwhile: stays open
      return;
    }
    mergeSealedInto(this.#deps.shared(), open.doc);
    this.#open.delete(scope);
    open.stop();
    await open.store.destroy();
    open.doc.destroy();
    this.#notify?.();
    if (!this.#destroyed) this.#rememberOpen();
  }
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}
