// The HTTP upgrade handler (ws in noServer mode): parses
// `/sync/<roomId>[/control|/facilitators|/plans|/sealed/<scope>]?token=…[&ack=1]`,
// decides access before any socket opens (a capability link token or a session token) and refuses with a
// plain HTTP response (401 no token, 403 wrong / expired / revoked, 404 unknown room or path, 503 while
// shutting down). Never logs the query string.

import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocketServer } from 'ws';
import { isSealedScope } from '../../src/lib/model/policy';
import { denied, isRoomId } from './auth';
import { ownerOf } from './identity';
import { securityHeaders } from './http-util';
import type { Logger } from './log';
import type { RefusalReason, RelayMetrics } from './metrics';
import { LockGate, type WriteGate } from './policy';
import { SealedGate, sealedAddress } from './sealed';
import { checkConnectAccess, type SessionTokens } from './session-token';
import { RoomDeleted, type DocAddress, type RoomRegistry } from './rooms';
import type { Room } from './room';
import type { Role, Storage } from './storage/types';

export interface Admission {
  address: DocAddress;
  role: Role;
  tokenHash: string;
  /** Whom this connection's writes to a shared document bind client ids to (identity.ts); null: viewer. */
  owner: string | null;
  wantsAck: boolean;
  /** For the shared and plans documents: the room lock, holding the control document loaded until released. */
  gate: WriteGate | null;
  /** A plan link's plan id: it writes only inside that plan of the plans document (plan-scope.ts). */
  planScope: string | null;
}

export interface UpgradeDeps {
  wss: WebSocketServer;
  storage: Storage;
  /** Session tokens (JWS) are accepted at the upgrade besides capability link tokens. */
  sessions: SessionTokens;
  registry: RoomRegistry;
  metrics: RelayMetrics;
  log: Logger;
  isClosing(): boolean;
  /** Called with the open socket; must attach it to the room before returning. */
  onOpen(ws: import('ws').WebSocket, room: Room, admission: Admission): void;
}

/**
 * `/sync/<roomId>` → shared document, `/sync/<roomId>/control` → control document,
 * `/sync/<roomId>/facilitators` → the facilitators' document (share links; facilitators only),
 * `/sync/<roomId>/sealed/<scope>` → the connecting participant's sealed drafts of that scope (the document
 * name gets the participant id at the upgrade; sealed.ts); `/sync/<roomId>/plans` → the action plans
 * (participants write under the lock, without per-item ownership), else null.
 */
export function parseSyncPath(pathname: string): DocAddress | null {
  const sealed = /^\/sync\/([^/]+)\/sealed\/([^/]+)$/.exec(pathname);
  if (sealed) {
    const [, roomId, scope] = sealed;
    if (!isRoomId(roomId) || !isSealedScope(scope)) return null;
    return { roomId, kind: 'sealed', docName: `${roomId}/sealed/${scope}`, scope };
  }
  const match = /^\/sync\/([^/]+)(\/control|\/facilitators|\/plans)?$/.exec(pathname);
  const roomId = match?.[1];
  if (!match || !isRoomId(roomId)) return null;
  if (match[2] === '/control') return { roomId, kind: 'control', docName: `${roomId}/control` };
  if (match[2] === '/facilitators') {
    return { roomId, kind: 'facilitators', docName: `${roomId}/facilitators` };
  }
  if (match[2] === '/plans') return { roomId, kind: 'plans', docName: `${roomId}/plans` };
  return { roomId, kind: 'shared', docName: roomId };
}

const controlOf = (shared: DocAddress): DocAddress => ({
  roomId: shared.roomId,
  kind: 'control',
  docName: `${shared.roomId}/control`
});

export function refuse(socket: Duplex, status: number, body: { error: string; message: string }): void {
  if (socket.destroyed) return;
  const json = JSON.stringify(body);
  const headers = {
    Connection: 'close',
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(json)),
    'Cache-Control': 'no-store',
    ...securityHeaders
  };
  const head = Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\r\n');
  socket.once('finish', () => socket.destroy());
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n${head}\r\n\r\n${json}`);
}

/** One listener for every socket, not a closure per socket (it stays attached for the socket's life). */
const ignore = (): void => undefined;

export function createUpgradeHandler(deps: UpgradeDeps) {
  const { metrics, log } = deps;
  const deny = (socket: Duplex, status: number, reason: RefusalReason, message: string): void => {
    metrics.refusals.inc({ reason });
    log.info({ status, reason }, 'upgrade refused');
    refuse(socket, status, { error: reason, message });
  };

  return async (req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> => {
    socket.on('error', ignore); // a peer resetting mid-handshake must not crash the relay
    try {
      if (deps.isClosing()) {
        return deny(socket, 503, 'shutting_down', 'Server startet neu / server is restarting');
      }
      const url = new URL(req.url ?? '/', 'http://relay.invalid');
      const address = parseSyncPath(url.pathname);
      if (!address) return deny(socket, 404, 'bad_path', 'Unbekannter Pfad / unknown path');
      const token = url.searchParams.get('token');
      const access = await checkConnectAccess(deps.storage, deps.sessions, address.roomId, token, Date.now());
      if (!access.ok) return deny(socket, access.status, access.error, access.message);
      if (address.kind === 'facilitators' && access.role !== 'facilitator') {
        // Not even readable: the share links and notes there are for facilitators only.
        return deny(socket, 403, 'facilitators_only', 'Nur für Moderation / facilitators only');
      }
      let docAddress = address;
      if (address.kind === 'sealed') {
        // Each participant reads and writes their own drafts only; facilitators see counts (sealed.ts).
        if (access.role !== 'participant') {
          return deny(
            socket,
            403,
            'sealed_own_only',
            'Verdeckt: nur für die Schreibenden / sealed: own drafts only'
          );
        }
        if (!access.participantId) {
          return deny(
            socket,
            403,
            'participant_id_required',
            'Verdeckte Entwürfe brauchen eine Sitzung mit Teilnehmenden-Schlüssel / sealed drafts need a session with a participant key'
          );
        }
        docAddress = sealedAddress(address.roomId, address.scope ?? '', access.participantId);
      }
      // The relay began to close while the access check ran: refuse (a socket left open here kept
      // server.close() waiting for ever, since an upgraded socket is not among the connections it closes).
      if (socket.destroyed) return;
      if (deps.isClosing())
        return deny(socket, 503, 'shutting_down', 'Server startet neu / server is restarting');
      const room = await deps.registry.acquire(docAddress);
      let gate: WriteGate | null = null;
      let opened = false;
      try {
        if (address.kind === 'shared' || address.kind === 'plans')
          gate = new LockGate(await deps.registry.acquire(controlOf(address)), room);
        if (address.kind === 'sealed') {
          const control = await deps.registry.acquire(controlOf(address));
          const shared = await deps.registry
            .acquire({ roomId: address.roomId, kind: 'shared', docName: address.roomId })
            .catch((error: unknown) => {
              control.release();
              throw error;
            });
          const owner = ownerOf(access.role, access.participantId ?? null, access.link.tokenHash) ?? '';
          gate = new SealedGate(control, shared, room, address.scope ?? '', owner);
        }
        if (socket.destroyed) return;
        if (deps.isClosing())
          return deny(socket, 503, 'shutting_down', 'Server startet neu / server is restarting');
        const admission: Admission = {
          address: docAddress,
          role: access.role,
          tokenHash: access.link.tokenHash,
          owner: ownerOf(access.role, access.participantId ?? null, access.link.tokenHash),
          wantsAck: url.searchParams.get('ack') === '1',
          gate,
          planScope: access.link.scope ?? null
        };
        // handleUpgrade completes synchronously here (no verifyClient), so the hold is released after.
        deps.wss.handleUpgrade(req, socket, head, (ws) => {
          opened = true;
          deps.onOpen(ws, room, admission);
        });
      } finally {
        room.release();
        if (!opened) gate?.release(); // once opened, the connection releases it when it closes
      }
    } catch (error) {
      if (error instanceof RoomDeleted) {
        // Its access check passed just before the room was deleted (room-delete.ts).
        return deny(socket, 410, 'room_deleted', denied('room_deleted').message);
      }
      log.error({ err: error }, 'upgrade failed');
      deny(socket, 500, 'internal_error', 'Interner Fehler / internal error');
    }
  };
}
