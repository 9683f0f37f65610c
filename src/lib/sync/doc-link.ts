// One Y.Doc's WebsocketProvider plus what the status bar needs from it: whether the socket is up and
// synced, how often it failed in a row, the relay's saved state vector (message 100) and the local
// changes it does not cover yet, and the relay's refusal of a write (message 101). Plain TypeScript;
// connection.svelte.ts turns it into runes.
//
// "Saved" is about what this device holds that the relay might lack: content that arrived from the relay
// (others' ideas) is the relay's already and never makes the document unsaved. Before, every remote idea
// turned the status to "synced" until the relay's next "saved" message: on a busy table the status (a live
// region) flipped dozens of times a second.
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { MESSAGE_REFUSED, MESSAGE_SAVED, MESSAGE_SAVE_REQUEST } from '../model/wire';
import { readRefusedMessage } from './refused';
import { PendingChanges, readSavedMessage, type StateVector } from './saved';

/** WebSocket.CONNECTING and OPEN (Node tests pass ws's WebSocket, which has no global). */
const WS_CONNECTING = 0;
const WS_OPEN = 1;

export type LinkPhase = 'idle' | 'connecting' | 'connected' | 'synced';

export interface DocLinkOptions {
  wsBase: string;
  room: string;
  token: string;
  doc: Y.Doc;
  /** Node tests pass `ws`'s WebSocket; browsers use their own. */
  WebSocketPolyfill?: typeof WebSocket;
  onChange: () => void;
  /**
   * A socket closed before it synced, or the relay closed it for good (4400–4499, with its close code:
   * 4410 means the conference was deleted on the relay).
   */
  onFailure: (terminal: boolean, code?: number) => void;
  /** Updates with these origins are not local changes (e.g. the IndexedDB store loading old state). */
  ignoreOrigin?: (origin: unknown) => boolean;
  /** The relay dropped a write of this document (message 101) and says why. */
  onRefused?: (reason: string) => void;
}

/** True for the origin of updates that came from the relay (any document's provider). */
export const isRelayOrigin = (origin: unknown): boolean => origin instanceof WebsocketProvider;

export class DocLink {
  readonly provider: WebsocketProvider;
  readonly pending = new PendingChanges();
  phase: LinkPhase = 'idle';
  /** Consecutive closes without a successful sync. */
  failures = 0;
  savedVector: StateVector | null = null;
  savedAt: number | null = null;
  /** Resolves the first time this document synced with the relay. */
  readonly whenSynced: Promise<void>;
  #resolveSynced: () => void = () => undefined;
  #doc: Y.Doc;
  #opts: DocLinkOptions;
  #syncedThisSocket = false;
  /** Highest clock per client of the updates that came from the relay. */
  #fromRelay: StateVector = new Map();
  /** The save request sent when this socket synced: nothing is saved before its answer. */
  #syncRequest = 0;
  /** Counts the document's updates, for #coverMemo. */
  #docVersion = 0;
  #coverMemo: { version: number; saved: StateVector; value: boolean } | null = null;

  constructor(opts: DocLinkOptions) {
    this.#opts = opts;
    this.#doc = opts.doc;
    this.whenSynced = new Promise((resolve) => (this.#resolveSynced = resolve));
    this.provider = new WebsocketProvider(opts.wsBase, opts.room, opts.doc, {
      connect: false,
      params: { token: opts.token, ack: '1' },
      ...(opts.WebSocketPolyfill ? { WebSocketPolyfill: opts.WebSocketPolyfill } : {})
    });
    this.provider.messageHandlers[MESSAGE_SAVED] = (_encoder, decoder) => {
      this.#saved(readSavedMessage(decoder), false);
    };
    this.provider.messageHandlers[MESSAGE_SAVE_REQUEST] = (_encoder, decoder) => {
      this.#saved(readSavedMessage(decoder), true);
    };
    this.provider.messageHandlers[MESSAGE_REFUSED] = (_encoder, decoder) => {
      opts.onRefused?.(readRefusedMessage(decoder));
    };
    this.provider.on('status', ({ status }) => {
      if (status === 'connecting') this.phase = 'connecting';
      else if (status === 'connected') this.phase = 'connected';
      else this.phase = 'idle';
      opts.onChange();
    });
    this.provider.on('sync', (synced) => {
      if (synced) {
        this.phase = 'synced';
        this.failures = 0;
        this.#syncedThisSocket = true;
        // Every local change has reached the relay now: the relay sends its step 1 first on open, so this
        // link's step 2 (the reply) went out before the relay's step 2 arrived here. Whatever
        // that step 2 held, deletions loaded from IndexedDB included, counts as saved once this is answered.
        this.#syncRequest = this.#requestSave(true);
        this.#resolveSynced();
      } else if (this.phase === 'synced') this.phase = 'connected';
      opts.onChange();
    });
    this.provider.on('connection-close', () => {
      this.phase = 'idle';
      this.pending.newSocket();
      this.#syncRequest = 0;
      const failed = !this.#syncedThisSocket;
      this.#syncedThisSocket = false;
      if (failed) this.failures++;
      opts.onChange();
      if (failed) opts.onFailure(false);
    });
    this.provider.on('closed', (event) => opts.onFailure(true, event?.code));
    opts.doc.on('update', this.#onUpdate);
  }

  /** Everything this document holds is in the relay's durable store. */
  get isSaved(): boolean {
    if (this.phase !== 'synced' || this.pending.count > 0 || !this.savedVector) return false;
    if (this.pending.answered < this.#syncRequest) return false;
    return this.#covered(this.savedVector);
  }

  /**
   * Every client's clock in the document is in `saved` or came from the relay. The status bar asks on
   * every render, and a busy table renders often: the answer is kept until the document or `saved` changes
   * (the state is read per client, never encoded).
   */
  #covered(saved: StateVector): boolean {
    const memo = this.#coverMemo;
    if (memo && memo.version === this.#docVersion && memo.saved === saved) return memo.value;
    let value = true;
    const store = this.#doc.store;
    for (const client of store.clients.keys()) {
      const clock = Y.getState(store, client);
      if ((saved.get(client) ?? 0) < clock && (this.#fromRelay.get(client) ?? 0) < clock) {
        value = false;
        break;
      }
    }
    this.#coverMemo = { version: this.#docVersion, saved, value };
    return value;
  }

  /** The token used for the next (re)connect; an open socket keeps the one it opened with. */
  setToken(token: string): void {
    this.provider.params.token = token;
  }

  connect(): void {
    this.provider.connect();
  }

  /**
   * The network came back or the page became visible again: connect now instead of after the back-off.
   * A socket still trying to connect (it may hang on the network that went away), or an open one that
   * has heard nothing for `staleMs` (a phone that slept), is closed and opened afresh.
   */
  reconnectNow(staleMs: number): void {
    const provider = this.provider;
    if (!provider.shouldConnect) return;
    provider.wsUnsuccessfulReconnects = 0;
    const ws = provider.ws;
    const quiet = Date.now() - provider.wsLastMessageReceived > staleMs;
    if (ws && (ws.readyState === WS_CONNECTING || (provider.wsconnected && quiet))) {
      // y-websocket reconnects from its close handler; the back-off starts again at its shortest.
      ws.close();
    } else if (!ws) {
      provider.connect();
    }
  }

  disconnect(): void {
    this.provider.disconnect();
    this.phase = 'idle';
  }

  destroy(): void {
    this.#doc.off('update', this.#onUpdate);
    this.provider.destroy();
  }

  #onUpdate = (update: Uint8Array, origin: unknown): void => {
    this.#docVersion++;
    // Remote updates (from this provider) are on the relay already; loads from IndexedDB are judged by
    // the whole-document comparison in isSaved.
    if (origin === this.provider) {
      for (const [client, clock] of Y.parseUpdateMeta(update).to) {
        if ((this.#fromRelay.get(client) ?? 0) < clock) this.#fromRelay.set(client, clock);
      }
      return;
    }
    if (this.#opts.ignoreOrigin?.(origin)) return;
    this.pending.add(update);
    // The provider sent the update in its own 'update' listener, registered before this one.
    if (this.phase === 'synced') this.#requestSave();
    this.#opts.onChange();
  };

  /**
   * Sends a save request when a change that only deletes waits for one (see saved.ts), or `always`; returns
   * its number on this socket (0: none sent).
   */
  #requestSave(always = false): number {
    const ws = this.provider.ws;
    if (!(always || this.pending.needsRequest) || !ws || ws.readyState !== WS_OPEN) return 0;
    ws.send(Uint8Array.of(MESSAGE_SAVE_REQUEST));
    return this.pending.requestSent();
  }

  #saved(vector: StateVector, answer: boolean): void {
    this.savedVector = vector;
    if (answer) this.pending.applyAnswer(vector);
    else this.pending.applySaved(vector);
    if (this.isSaved) this.savedAt = Date.now();
    this.#opts.onChange();
  }
}
