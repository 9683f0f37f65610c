// A conference's connection to the relay as runes: one y-websocket provider per document (shared at
// `<roomId>`, control at `<roomId>/control`), summed up into one status anyone can read at a glance:
// offline / connecting / synced / saved (the relay durably stored every local change). When sockets keep
// failing it asks the relay's access endpoint why, and a refused link stops reconnecting and says so.
// A conference created offline is registered at the relay first, retried until the relay is reachable.
// Sockets open with a session token traded for the link token (session-token.ts), renewed before it ends.
// A write the relay refused (message 101) is reported; the shared document can then be swapped for a fresh
// one (detachShared / attachShared) while the control document stays connected. A participant's sealed
// drafts of a scope (`<roomId>/sealed/<scope>`) get a link of their own while that scope is sealed
// (attachSealed); they count in the status like the others.
import type * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import { DocLink, type DocLinkOptions } from './doc-link';
import { checkAccess, type RegisterOutcome, type Refusal, type RelayBase } from './relay-api';
import { SessionTokenSource } from './session-token';

type DocKind = 'shared' | 'control' | 'facilitators' | 'plans';

export type ConnectionStatus = 'offline' | 'connecting' | 'synced' | 'saved';
export type RegistrationState = 'done' | 'pending' | 'taken' | 'forbidden';

export interface ConnectionOptions {
  roomId: string;
  token: string;
  /** This device's participant key (sent with session requests; see session-token.ts). */
  participantKey?: string;
  /** `facilitators`: the facilitators-only document (`<roomId>/facilitators`), for facilitators only. */
  /** `plans`: the action plans (`<roomId>/plans`), written by facilitators and participants. */
  docs: { shared: Y.Doc; control: Y.Doc; facilitators?: Y.Doc; plans?: Y.Doc };
  base: RelayBase;
  ignoreOrigin?: (origin: unknown) => boolean;
  /** Given while the relay does not know this conference yet; retried until it answers. */
  register?: () => Promise<RegisterOutcome>;
  onRegistered?: () => void;
  /** Called whenever the relay confirmed everything as saved. */
  onSaved?: (at: number) => void;
  /** The relay dropped a write of this device (message 101, e.g. `locked`). */
  onRefused?: (doc: DocKind, reason: string) => void;
  WebSocketPolyfill?: typeof WebSocket;
  fetch?: typeof fetch;
}

const RANK: Record<ConnectionStatus, number> = { offline: 0, connecting: 1, synced: 2, saved: 3 };
const ACCESS_CHECK_INTERVAL_MS = 20_000;
/** The relay's close code for a conference deleted on it (sync-server/src/protocol.ts CLOSE.roomDeleted). */
const CLOSE_ROOM_DELETED = 4410;
const REGISTER_RETRY_MAX_MS = 30_000;
/** A socket that heard nothing this long when the page becomes visible again is opened afresh. */
const STALE_SOCKET_MS = 20_000;

export class Connection {
  #links: DocLink[];
  /** Sealed drafts per scope (attachSealed). */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- the status reads #version
  #sealed = new Map<string, DocLink>();
  #opts: ConnectionOptions;
  #version = $state(0);
  #online = $state(globalThis.navigator?.onLine ?? true);
  #refusal = $state<Refusal | null>(null);
  #registration = $state<RegistrationState>('done');
  #lastSavedAt = $state<number | null>(null);
  #lastAccessCheck = 0;
  #checking = false;
  #registerTimer: ReturnType<typeof setTimeout> | undefined;
  #registerDelay = 2000;
  #destroyed = false;
  /** start() ran and registration is done: sockets should be open whenever a token is at hand. */
  #wanted = false;
  #tokens: SessionTokenSource;
  #common: Omit<DocLinkOptions, 'room' | 'doc' | 'onRefused'>;

  constructor(opts: ConnectionOptions) {
    this.#opts = opts;
    if (opts.register) this.#registration = 'pending';
    this.#tokens = new SessionTokenSource({
      base: opts.base,
      roomId: opts.roomId,
      linkToken: opts.token,
      participantKey: opts.participantKey,
      fetch: opts.fetch,
      onToken: (token) => this.#openLinks(token),
      onRefused: (refusal) => this.#refuse(refusal),
      onChange: () => this.#version++
    });
    this.#common = {
      wsBase: opts.base.ws,
      // Set from the token source before every connect; never the link token in a URL unless the relay
      // has no session endpoint.
      token: '',
      WebSocketPolyfill: opts.WebSocketPolyfill,
      ignoreOrigin: opts.ignoreOrigin,
      onChange: () => this.#changed(),
      onFailure: (terminal: boolean, code?: number) => void this.#onFailure(terminal, code)
    };
    this.#links = [this.#link('shared', opts.docs.shared), this.#link('control', opts.docs.control)];
    if (opts.docs.facilitators) this.#links.push(this.#link('facilitators', opts.docs.facilitators));
    if (opts.docs.plans) this.#links.push(this.#link('plans', opts.docs.plans));
    globalThis.addEventListener?.('online', this.#onOnline);
    globalThis.addEventListener?.('offline', this.#onOffline);
    globalThis.document?.addEventListener('visibilitychange', this.#onVisible);
  }

  get status(): ConnectionStatus {
    void this.#version;
    if (!this.#online || this.#refusal || this.#registration !== 'done') return 'offline';
    if (this.#wanted && this.#tokens.token === null && this.#tokens.failures >= 2) return 'offline';
    let worst: ConnectionStatus = 'saved';
    for (const link of this.#all()) {
      const s = linkStatus(link);
      if (RANK[s] < RANK[worst]) worst = s;
    }
    return worst;
  }

  /** Local changes the relay has not confirmed as durably saved (at least 1 if older ones are missing). */
  get pendingChanges(): number {
    void this.#version;
    let count = 0;
    for (const link of this.#all()) {
      const own = link.pending.count;
      count += own > 0 ? own : link.savedVector && link.phase === 'synced' && !link.isSaved ? 1 : 0;
    }
    return count;
  }

  /** The shared document's awareness (presence, lib/state/presence.svelte.ts); a new one after attachShared. */
  get awareness(): Awareness | null {
    void this.#version;
    return this.#links[0]?.provider.awareness ?? null;
  }

  get lastSavedAt(): number | null {
    return this.#lastSavedAt;
  }

  /** Why the relay refused this link; null while it is not known to be refused. */
  get refusal(): Refusal | null {
    return this.#refusal;
  }

  get registration(): RegistrationState {
    return this.#registration;
  }

  get online(): boolean {
    return this.#online;
  }

  start(): void {
    if (this.#registration === 'pending') void this.#register();
    else this.#connectAll();
  }

  /** Resolves the first time the facilitators' document synced with the relay (never without one). */
  whenFacilitatorsSynced(): Promise<void> {
    const link = this.#opts.docs.facilitators ? this.#links[2] : undefined;
    return link?.whenSynced ?? new Promise(() => undefined);
  }

  /** Stops syncing the shared document at once (the relay refused its writes); control stays connected. */
  detachShared(): void {
    this.detach('shared');
  }

  /** Syncs `doc` as the shared document from now on; resolves once it synced with the relay. */
  attachShared(doc: Y.Doc): Promise<void> {
    return this.attach('shared', doc);
  }

  /** Stops syncing one replaceable document at once (the relay refused its writes); the others stay. */
  detach(kind: 'shared' | 'plans'): void {
    this.#links[this.#indexOf(kind)]?.destroy();
  }

  /** Syncs `doc` as that document from now on; resolves once it synced with the relay. */
  attach(kind: 'shared' | 'plans', doc: Y.Doc): Promise<void> {
    const index = this.#indexOf(kind);
    const link = this.#link(kind, doc);
    this.#links[index] = link;
    const token = this.#tokens.token;
    if (token && this.#wanted && !this.#refusal && !this.#destroyed) {
      link.setToken(token);
      link.connect();
    }
    this.#changed();
    return link.whenSynced;
  }

  /** Where a document's link sits: shared, control, then facilitators and plans where this device has them. */
  #indexOf(kind: 'shared' | 'plans'): number {
    if (kind === 'shared') return 0;
    if (!this.#opts.docs.plans) throw new Error('this session has no plans document');
    return this.#opts.docs.facilitators ? 3 : 2;
  }

  /**
   * Syncs `doc` as this participant's sealed drafts of `scope` until the returned function is called (the
   * scope was revealed, or the session ends). `onRefused`: the relay refused a write (`revealed`).
   */
  attachSealed(scope: string, doc: Y.Doc, onRefused: (reason: string) => void): () => void {
    this.#sealed.get(scope)?.destroy();
    const link = new DocLink({
      ...this.#common,
      room: `${this.#opts.roomId}/sealed/${scope}`,
      doc,
      onRefused
    });
    this.#sealed.set(scope, link);
    const token = this.#tokens.token;
    if (token) link.setToken(token);
    if (token && this.#wanted && !this.#refusal && !this.#destroyed) link.connect();
    this.#changed();
    return () => {
      if (this.#sealed.get(scope) !== link) return;
      this.#sealed.delete(scope);
      link.destroy();
      this.#changed();
    };
  }

  /** A session token (with this device's participant id) for the relay's HTTP API; null when none. */
  sessionToken(): Promise<string | null> {
    return this.#tokens.ensure();
  }

  /** This device deleted the conference on the relay: stop syncing now and say so (refusal `deleted`). */
  markDeleted(): void {
    if (this.#refusal !== 'deleted') this.#refuse('deleted');
  }

  destroy(): void {
    this.#destroyed = true;
    this.#tokens.destroy();
    clearTimeout(this.#registerTimer);
    globalThis.removeEventListener?.('online', this.#onOnline);
    globalThis.removeEventListener?.('offline', this.#onOffline);
    globalThis.document?.removeEventListener('visibilitychange', this.#onVisible);
    for (const link of this.#all()) link.destroy();
    this.#sealed.clear();
  }

  #all(): DocLink[] {
    return this.#sealed.size === 0 ? this.#links : [...this.#links, ...this.#sealed.values()];
  }

  #link(kind: DocKind, doc: Y.Doc): DocLink {
    const room = kind === 'shared' ? this.#opts.roomId : `${this.#opts.roomId}/${kind}`;
    return new DocLink({
      ...this.#common,
      room,
      doc,
      onRefused: (reason) => this.#opts.onRefused?.(kind, reason)
    });
  }

  #connectAll(): void {
    if (this.#destroyed || this.#refusal) return;
    this.#wanted = true;
    void this.#tokens.ensure().then((token) => token && this.#openLinks(token));
  }

  /** A (new) token is at hand: every later (re)connect uses it; sockets open if they should. */
  #openLinks(token: string): void {
    if (this.#destroyed) return;
    for (const link of this.#all()) link.setToken(token);
    if (!this.#wanted || this.#refusal) return;
    for (const link of this.#all()) link.connect();
    this.#version++;
  }

  #refuse(refusal: Refusal): void {
    this.#refusal = refusal;
    for (const link of this.#all()) link.disconnect();
  }

  #changed(): void {
    this.#version++;
    const links = this.#all();
    if (links.every((l) => l.isSaved)) {
      const at = Math.max(...links.map((l) => l.savedAt ?? 0));
      if (at > 0 && at !== this.#lastSavedAt) {
        this.#lastSavedAt = at;
        this.#opts.onSaved?.(at);
      }
    }
  }

  async #register(): Promise<void> {
    if (!this.#opts.register || this.#destroyed) return;
    clearTimeout(this.#registerTimer);
    const outcome = await this.#opts.register();
    if (this.#destroyed) return;
    if (outcome === 'registered') {
      this.#registration = 'done';
      this.#opts.onRegistered?.();
      this.#connectAll();
    } else if (outcome === 'taken' || outcome === 'forbidden') {
      this.#registration = outcome;
    } else {
      this.#registerTimer = setTimeout(() => void this.#register(), this.#registerDelay);
      this.#registerDelay = Math.min(this.#registerDelay * 2, REGISTER_RETRY_MAX_MS);
    }
  }

  async #onFailure(terminal: boolean, code?: number): Promise<void> {
    // The relay deleted the conference (ARCHITECTURE.md): no need to ask why.
    if (code === CLOSE_ROOM_DELETED) return void (this.#refusal ?? this.#refuse('deleted'));
    this.#tokens.refreshAfterFailure();
    const failures = Math.max(...this.#all().map((l) => l.failures));
    const due = Date.now() - this.#lastAccessCheck >= ACCESS_CHECK_INTERVAL_MS;
    if (this.#checking || this.#refusal || (!terminal && (failures < 2 || !due))) return;
    this.#checking = true;
    this.#lastAccessCheck = Date.now();
    const answer = await checkAccess(this.#opts.base, this.#opts.roomId, this.#opts.token, this.#opts.fetch);
    this.#checking = false;
    if (this.#destroyed) return;
    if (answer.kind === 'refused') {
      this.#refuse(answer.refusal);
    } else if (terminal) {
      // The relay closed for good but the link is still valid (e.g. a room lock changed): try again.
      this.#connectAll();
    }
  }

  #onOnline = (): void => {
    this.#online = true;
    this.#wake(Infinity);
  };

  #onVisible = (): void => {
    if (globalThis.document?.visibilityState === 'visible') this.#wake(STALE_SOCKET_MS);
  };

  /** Network back or page visible again: reconnect at once, not when a back-off timer runs out. */
  #wake(staleMs: number): void {
    if (this.#destroyed || this.#refusal) return;
    this.#tokens.nudge();
    if (this.#wanted) {
      this.#connectAll();
      for (const link of this.#all()) link.reconnectNow(staleMs);
    }
    if (this.#registration === 'pending') {
      this.#registerDelay = 2000;
      void this.#register();
    }
  }

  #onOffline = (): void => {
    this.#online = false;
  };
}

function linkStatus(link: DocLink): ConnectionStatus {
  if (link.phase === 'synced') return link.isSaved ? 'saved' : 'synced';
  if (link.phase === 'idle' && link.failures >= 1) return 'offline';
  return link.failures >= 2 ? 'offline' : 'connecting';
}
