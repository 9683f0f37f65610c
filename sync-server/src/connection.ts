// One WebSocket peer of one document: decodes its messages, enforces its role (viewers never write; only
// facilitators write the control document), answers sync and awareness, sends "saved" acknowledgements
// when it asked for them (ack=1) and answers save requests (102) once what it sent before is stored
// (room-writes.ts), refuses a participant's writes while the room is locked (policy.ts),
// keeps a quiet socket alive and drops peers that stop answering pings. Size caps, rate limits, the update
// check and the slow-reader bound come from limits/peer.ts.
// Every decode and apply is guarded: a bad message closes this socket, never the process.

import * as decoding from 'lib0/decoding';
import type { RawData, WebSocket } from 'ws';
import type { Logger } from './log';
import type { RelayMetrics } from './metrics';
import {
  CLOSE,
  encodeAwarenessMessage,
  encodeRefused,
  encodeSaved,
  fitReason,
  isWrite,
  KEEPALIVE_MESSAGE,
  MESSAGE_AUTH,
  MESSAGE_AWARENESS,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SAVE_REQUEST,
  MESSAGE_SYNC,
  SYNC_STEP1,
  SYNC_STEP2,
  SYNC_UPDATE,
  toBytes
} from './protocol';
import type { WriteGate } from './policy';
import { binaryFrame, writeFrame } from './ws-frame';
import { PeerLimits } from './limits/peer';
import type { RelayLimits } from './limits/relay-limits';
import { carriesItems, isEmptyUpdate } from './doc-state';
import { checkOwnership } from './guard';
import { withinPlan } from './plan-scope';
import { REFUSAL_REASONS } from '../../src/lib/model/policy';
import { RoomDiverged, type Room, type RoomPeer } from './room';
import type { Role } from './storage/types';

/** Who connected, decided at the upgrade. */
export interface ConnectionGrant {
  role: Role;
  tokenHash: string;
  /** Whom writes to a shared document bind client ids to (identity.ts); null or absent: a viewer. */
  owner?: string | null;
  wantsAck: boolean;
  /** The room lock for connections to a shared document (released when this connection closes). */
  gate?: WriteGate | null;
  /** A plan link's plan id: writes only inside that plan of the plans document (plan-scope.ts). */
  planScope?: string | null;
}

/**
 * What all connections of one relay share: one object per relay, not per socket (thousands of idle sockets
 * are held per process, and every object and closure per socket shows in its memory).
 */
export interface ConnectionContext {
  metrics: RelayMetrics;
  log: Logger;
  limits: RelayLimits;
  /** The connection left its room (closed, or dropped). */
  onDetach(connection: Connection): void;
  /** Its socket has closed (after onDetach). */
  onSocketClose?(connection: Connection): void;
}

const KEEPALIVE_FRAME = binaryFrame(KEEPALIVE_MESSAGE);

/** The connection of each socket, so one set of listener functions serves every socket. */
const connectionOf = new WeakMap<WebSocket, Connection>();

export class Connection implements RoomPeer {
  readonly awarenessClients = new Set<number>();
  readonly canWrite: boolean;
  readonly role: Role;
  readonly tokenHash: string;
  readonly wantsAck: boolean;
  readonly owner: string | null;
  readonly planScope: string | null;
  private readonly gate: WriteGate | null;
  private lastSentAt = Date.now();
  private answeredPing = true;
  private nextPingAt: number | undefined;
  private closed = false;
  /** Closing for a restart: only document updates are still taken (see close). */
  private draining = false;
  private readonly limits: PeerLimits;

  constructor(
    private readonly ws: WebSocket,
    readonly room: Room,
    grant: ConnectionGrant,
    private readonly context: ConnectionContext
  ) {
    this.role = grant.role;
    this.tokenHash = grant.tokenHash;
    this.wantsAck = grant.wantsAck;
    this.gate = grant.gate ?? null;
    this.owner = grant.owner ?? null;
    this.planScope = grant.planScope ?? null;
    this.limits = new PeerLimits(context.limits, context.metrics, room.roomId, grant.tokenHash);
    this.canWrite =
      grant.role === 'facilitator' ||
      (grant.role === 'participant' &&
        (this.planScope === null
          ? room.kind === 'shared' || room.kind === 'sealed' || room.kind === 'plans'
          : room.kind === 'plans'));
  }

  start(): void {
    const { ws, room, context } = this;
    context.metrics.connections.inc({ role: this.role });
    connectionOf.set(ws, this);
    ws.on('message', Connection.onSocketMessage);
    ws.on('pong', Connection.onSocketPong);
    ws.on('error', Connection.onSocketError);
    ws.on('close', Connection.onSocketClose);
    room.addPeer(this);
    // First, before the answer to the peer's step 1: the app sends a save request when that answer arrives
    // and relies on its own step 2 (the reply to this) having gone out before it (doc-link.ts).
    this.send(room.syncStep1);
    const clients = room.presence.clients();
    if (clients.length > 0) this.send(encodeAwarenessMessage(room.presence.encode(clients)));
  }

  send(message: Uint8Array, frame?: Buffer): void {
    if (this.closed || this.ws.readyState !== this.ws.OPEN) return;
    if (this.limits.tooSlow(this.ws.bufferedAmount)) {
      // The close frame waits behind everything buffered; a reader that stays stuck is cut off.
      this.close(CLOSE.tryAgainLater, 'Verbindung zu langsam / connection too slow');
      setTimeout(() => this.ws.terminate(), 5000).unref();
      return;
    }
    this.lastSentAt = Date.now();
    this.context.metrics.messagesOut.inc();
    this.context.metrics.bytesOut.inc(message.byteLength);
    // No per-send callback (a closure per message in a broadcast): a failed write surfaces as the
    // socket's 'error' and 'close'.
    if (!frame || !writeFrame(this.ws, frame)) this.ws.send(message);
  }

  /**
   * Closes with `code` and `reason`. With `drain` (a restart), document updates the peer sent before it saw
   * the close frame are still applied (and so stored) until the socket has closed; nothing is sent anymore.
   */
  close(code: number, reason: string, drain = false): void {
    if (this.closed || this.draining) return;
    this.context.metrics.closes.inc({ code: String(code) });
    if (drain) {
      this.draining = true;
    } else this.detach();
    this.ws.close(code, fitReason(reason));
  }

  /** Drops the socket without a closing handshake (dead peer, or shutdown grace period over). */
  terminate(): void {
    this.detach();
    this.ws.terminate();
  }

  private onMessage(data: RawData, isBinary: boolean): void {
    if (this.closed) return;
    const receivedAt = performance.now();
    const { metrics } = this.context;
    const bytes = toBytes(data);
    metrics.bytesIn.inc(bytes.byteLength);
    const refused = this.limits.admitFrame(bytes.byteLength, isBinary);
    if (refused) return this.close(refused.code, refused.reason);
    try {
      const decoder = decoding.createDecoder(bytes);
      const type = decoding.readVarUint(decoder);
      if (this.draining && !(type === MESSAGE_SYNC && isWrite(bytes))) return;
      const admission = this.limits.admit(type, bytes.byteLength, type === MESSAGE_SYNC && isWrite(bytes));
      if (admission === 'drop') return;
      if (admission) return this.close(admission.code, admission.reason);
      switch (type) {
        case MESSAGE_SYNC:
          metrics.messagesIn.inc({ type: 'sync' });
          return this.onSync(decoder, receivedAt);
        case MESSAGE_AWARENESS:
          metrics.messagesIn.inc({ type: 'awareness' });
          this.room.presence.apply(decoding.readVarUint8Array(decoder), this);
          return;
        case MESSAGE_QUERY_AWARENESS: {
          metrics.messagesIn.inc({ type: 'query_awareness' });
          return this.send(encodeAwarenessMessage(this.room.presence.encode(this.room.presence.clients())));
        }
        case MESSAGE_SAVE_REQUEST: {
          metrics.messagesIn.inc({ type: 'save_request' });
          // Messages are handled in order: whatever this socket sent before is queued or stored by now.
          const { room } = this;
          const answer = (owed: number): void => {
            const message = encodeSaved(room.durableStateVector, MESSAGE_SAVE_REQUEST);
            for (let i = 0; i < owed; i++) this.send(message);
          };
          if (room.writes.whenStored(this, answer)) return;
          // Too many connections wait (storage down for long): an unanswered request would leave the app
          // "not saved" for good. Closing makes it reconnect and ask again after its next sync.
          metrics.messagesRefused.inc({ reason: 'save_requests' });
          return this.close(
            CLOSE.tryAgainLater,
            'Zu viele offene Speicheranfragen / too many save requests waiting'
          );
        }
        case MESSAGE_AUTH:
          metrics.messagesIn.inc({ type: 'auth' });
          return; // permissions are decided at the upgrade; clients never send auth messages
        default:
          metrics.messagesIn.inc({ type: 'unknown' });
          metrics.messagesRefused.inc({ reason: 'unknown_type' });
          return this.close(CLOSE.malformed, `Unbekannte Nachricht / unknown message type ${type}`);
      }
    } catch (error) {
      // Only the error's kind: decoder messages can quote message content (names in awareness states).
      const kind = error instanceof Error ? error.name : typeof error;
      this.context.log.warn(
        { errorKind: kind, doc: this.room.docName, role: this.role },
        'malformed message'
      );
      metrics.messagesRefused.inc({ reason: 'malformed' });
      this.close(CLOSE.malformed, 'Fehlerhafte Nachricht / malformed message');
    }
  }

  private onSync(decoder: decoding.Decoder, receivedAt: number): void {
    const syncType = decoding.readVarUint(decoder);
    const payload = decoding.readVarUint8Array(decoder);
    if (syncType === SYNC_STEP1) {
      const admission = this.limits.admitSyncRequest();
      if (admission === 'drop') return;
      if (admission) return this.close(admission.code, admission.reason);
      const reply = this.room.syncStep2(payload, (doc) => this.limits.beforeSyncReply(doc));
      this.limits.noteSyncReply(reply.byteLength);
      this.send(reply);
      // Right after sync: a client that reconnects with nothing new learns at once that it is saved.
      if (this.wantsAck) this.send(this.room.savedMessage);
      return;
    }
    if (syncType !== SYNC_STEP2 && syncType !== SYNC_UPDATE)
      throw new Error(`unknown sync message ${syncType}`);
    // What a client that has nothing new sends in its step 2 on every connect: no write (and no reason to
    // read the lock, which would build the control document's Y.Doc for every idle connection).
    if (isEmptyUpdate(payload)) return;
    if (!this.canWrite) {
      // Dropped, never applied or broadcast. The socket stays open: a viewer's client sends its step 2 on
      // every connect and must keep reading. That step 2 always carries the document's whole delete set,
      // so only an update with new items counts as a refused write (a metric of real refusals, not of
      // page loads); a deletions-only update is dropped all the same.
      if (carriesItems(payload)) {
        this.context.metrics.droppedWrites.inc({ reason: `${this.role}_${this.room.kind}` });
      }
      return;
    }
    const refused = this.limits.checkUpdate(payload); // before anything can touch the document
    if (refused) return this.close(refused.code, refused.reason);
    const refusal = this.gate?.refusal(this.role, payload) ?? null;
    if (refusal !== null) return this.refuse(refusal);
    if (this.planScope !== null && !withinPlan(this.room.doc, this.planScope, payload)) {
      return this.refuse(REFUSAL_REASONS.planOnly);
    }
    const owners = this.room.owners;
    if (owners && this.owner !== null) {
      // guard.ts: another participant's items are neither deleted, overwritten nor written into.
      const verdict = checkOwnership(this.room.doc, owners, this.owner, this.role === 'facilitator', payload);
      if (!verdict.ok) return this.refuse(verdict.reason);
      this.room.bindOwners(verdict.bind, this.owner);
    }
    this.applyUpdate(payload, receivedAt);
  }

  /** A write not applied, broadcast or stored. Only an app client (ack=1) knows message 101 and resets. */
  private refuse(reason: string): void {
    this.context.metrics.droppedWrites.inc({ reason: `${this.role}_${reason}` });
    if (this.wantsAck) this.send(encodeRefused(reason));
  }

  private applyUpdate(payload: Uint8Array, receivedAt: number): void {
    const { metrics, log } = this.context;
    try {
      // Throws (document unchanged) on what Yjs cannot read; false when there was nothing to apply.
      if (!this.room.applyUpdate(payload, this)) return;
    } catch (error) {
      if (!(error instanceof RoomDiverged)) throw error;
      metrics.messagesRefused.inc({ reason: 'update_diverged' });
      metrics.roomReloads.inc();
      const cause = error.cause instanceof Error ? error.cause.name : typeof error.cause;
      log.warn(
        { errorKind: cause, doc: this.room.docName, role: this.role },
        'update failed midway; reloading'
      );
      this.close(CLOSE.malformed, 'Fehlerhafte Änderung / malformed update');
      this.room.retire('Dokument wird neu geladen / document reloading');
      return;
    }
    metrics.fanoutSeconds.observe((performance.now() - receivedAt) / 1000);
    this.limits.afterApply(this.room.doc);
  }

  /**
   * Called by startHeartbeats on every tick: a keepalive when nothing went out for `keepaliveHalfMs`; once
   * per `pingIntervalMs` (at a random phase, so thousands of sockets are not pinged in the same tick) a
   * ping, or the end of a peer that did not answer the last one.
   */
  heartbeat(now: number, keepaliveHalfMs: number, pingIntervalMs: number): void {
    if (this.closed || this.draining) return;
    if (now - this.lastSentAt >= keepaliveHalfMs) this.send(KEEPALIVE_MESSAGE, KEEPALIVE_FRAME);
    this.nextPingAt ??= now + Math.random() * pingIntervalMs;
    if (now < this.nextPingAt) return;
    this.nextPingAt = now + pingIntervalMs;
    if (!this.answeredPing) {
      this.context.metrics.closes.inc({ code: 'ping_timeout' });
      this.terminate();
      return;
    }
    this.answeredPing = false;
    try {
      this.ws.ping();
    } catch {
      this.terminate();
    }
  }

  private detach(): void {
    if (this.closed) return;
    this.closed = true;
    this.room.removePeer(this);
    this.limits.close();
    this.gate?.release();
    this.context.metrics.connections.dec({ role: this.role });
    this.context.onDetach(this);
  }

  /** Resolves once the socket has closed. */
  socketClosed(): Promise<void> {
    if (this.ws.readyState === this.ws.CLOSED) return Promise.resolve();
    return new Promise((resolve) => this.ws.once('close', () => resolve()));
  }

  // Listeners shared by all sockets (`this` is the socket).
  private static onSocketMessage(this: WebSocket, data: RawData, isBinary: boolean): void {
    connectionOf.get(this)?.onMessage(data, isBinary);
  }

  private static onSocketPong(this: WebSocket): void {
    const connection = connectionOf.get(this);
    if (connection) connection.answeredPing = true;
  }

  private static onSocketError(this: WebSocket, error: Error): void {
    const connection = connectionOf.get(this);
    connection?.context.log.debug({ err: error, doc: connection.room.docName }, 'socket error');
  }

  private static onSocketClose(this: WebSocket): void {
    const connection = connectionOf.get(this);
    if (!connection) return;
    connection.detach();
    connection.context.onSocketClose?.(connection);
  }
}
