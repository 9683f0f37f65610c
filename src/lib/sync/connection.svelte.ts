// A conference's connection to the relay as runes: one y-websocket provider per document (shared at
// `<roomId>`, control at `<roomId>/control`), summed up into one status anyone can read at a glance:
// offline / connecting / synced / saved (the relay durably stored every local change). When sockets keep
// failing it asks the relay's access endpoint why, and a refused link stops reconnecting and says so.
// A conference created offline is registered at the relay first, retried until the relay is reachable.
import type * as Y from 'yjs';
import { DocLink } from './doc-link';
import { checkAccess, type RegisterOutcome, type Refusal, type RelayBase } from './relay-api';

export type ConnectionStatus = 'offline' | 'connecting' | 'synced' | 'saved';
export type RegistrationState = 'done' | 'pending' | 'taken' | 'forbidden';

export interface ConnectionOptions {
  roomId: string;
  token: string;
  docs: { shared: Y.Doc; control: Y.Doc };
  base: RelayBase;
  ignoreOrigin?: (origin: unknown) => boolean;
  /** Given while the relay does not know this conference yet; retried until it answers. */
  register?: () => Promise<RegisterOutcome>;
  onRegistered?: () => void;
  /** Called whenever the relay confirmed everything as saved. */
  onSaved?: (at: number) => void;
  WebSocketPolyfill?: typeof WebSocket;
  fetch?: typeof fetch;
}

const RANK: Record<ConnectionStatus, number> = { offline: 0, connecting: 1, synced: 2, saved: 3 };
const ACCESS_CHECK_INTERVAL_MS = 20_000;
const REGISTER_RETRY_MAX_MS = 30_000;

export class Connection {
  #links: DocLink[];
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

  constructor(opts: ConnectionOptions) {
    this.#opts = opts;
    if (opts.register) this.#registration = 'pending';
    const common = {
      wsBase: opts.base.ws,
      token: opts.token,
      WebSocketPolyfill: opts.WebSocketPolyfill,
      ignoreOrigin: opts.ignoreOrigin,
      onChange: () => this.#changed(),
      onFailure: (terminal: boolean) => void this.#onFailure(terminal)
    };
    this.#links = [
      new DocLink({ ...common, room: opts.roomId, doc: opts.docs.shared }),
      new DocLink({ ...common, room: `${opts.roomId}/control`, doc: opts.docs.control })
    ];
    globalThis.addEventListener?.('online', this.#onOnline);
    globalThis.addEventListener?.('offline', this.#onOffline);
  }

  get status(): ConnectionStatus {
    void this.#version;
    if (!this.#online || this.#refusal || this.#registration !== 'done') return 'offline';
    let worst: ConnectionStatus = 'saved';
    for (const link of this.#links) {
      const s = linkStatus(link);
      if (RANK[s] < RANK[worst]) worst = s;
    }
    return worst;
  }

  /** Local changes the relay has not confirmed as durably saved (at least 1 if older ones are missing). */
  get pendingChanges(): number {
    void this.#version;
    let count = 0;
    for (const link of this.#links) {
      const own = link.pending.count;
      count += own > 0 ? own : link.savedVector && link.phase === 'synced' && !link.isSaved ? 1 : 0;
    }
    return count;
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

  destroy(): void {
    this.#destroyed = true;
    clearTimeout(this.#registerTimer);
    globalThis.removeEventListener?.('online', this.#onOnline);
    globalThis.removeEventListener?.('offline', this.#onOffline);
    for (const link of this.#links) link.destroy();
  }

  #connectAll(): void {
    if (this.#destroyed || this.#refusal) return;
    for (const link of this.#links) link.connect();
  }

  #changed(): void {
    this.#version++;
    if (this.#links.every((l) => l.isSaved)) {
      const at = Math.max(...this.#links.map((l) => l.savedAt ?? 0));
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

  async #onFailure(terminal: boolean): Promise<void> {
    const failures = Math.max(...this.#links.map((l) => l.failures));
    const due = Date.now() - this.#lastAccessCheck >= ACCESS_CHECK_INTERVAL_MS;
    if (this.#checking || this.#refusal || (!terminal && (failures < 2 || !due))) return;
    this.#checking = true;
    this.#lastAccessCheck = Date.now();
    const answer = await checkAccess(this.#opts.base, this.#opts.roomId, this.#opts.token, this.#opts.fetch);
    this.#checking = false;
    if (this.#destroyed) return;
    if (answer.kind === 'refused') {
      this.#refusal = answer.refusal;
      for (const link of this.#links) link.disconnect();
    } else if (terminal) {
      // The relay closed for good but the link is still valid (e.g. a room lock changed): try again.
      this.#connectAll();
    }
  }

  #onOnline = (): void => {
    this.#online = true;
    if (this.#registration === 'pending') {
      this.#registerDelay = 2000;
      void this.#register();
    }
  };

  #onOffline = (): void => {
    this.#online = false;
  };
}

function linkStatus(link: DocLink): ConnectionStatus {
  if (link.phase === 'synced') return link.isSaved ? 'saved' : 'synced';
  if (link.phase === 'idle' && link.failures >= 1) return 'offline';
  return link.failures >= 2 ? 'offline' : 'connecting';
}
