// Sealed drafts: private until the reveal, enforced here. While the control document's policy holds
// `sealed:<scope>` = true, a participant connecting to `/sync/<roomId>/sealed/<scope>` gets a document of
// their own (`<roomId>/sealed/<scope>/<pid>`, pid from the session token), which nobody else reads: their
// drafts are stored (safe when the phone dies) but reach no other device. Facilitators get only a count
// (`GET /api/rooms/<roomId>/sealed/<scope>`). Every client id of a sealed write is bound to its participant
// in the SHARED document's client owners first (so nobody can write as them there, and ownership holds
// after the reveal). When a facilitator's write on this instance removes the key (or sets it to anything
// but true), the relay merges every sealed document of that scope into the shared document as one update
// (stored, broadcast, fanned out), each first checked like the participant's own write (guard.ts: a crafted
// draft that deletes or overwrites someone else's items is left out). Afterwards a write to that scope's
// sealed document that carries anything new is refused (101 `revealed`); the app writes to shared instead.
// Only the instance that applied the facilitator's write merges (remote transactions never trigger it); a
// second merge of the same bytes (e.g. the write re-sent to another instance during a fan-out outage) is a
// no-op in Yjs. The relay reads client ids, clocks, parents and map keys, and the policy keys: never content.

import * as Y from 'yjs';
import { POLICY_MAP, REFUSAL_REASONS, scopeOfKey, sealedKey } from '../../src/lib/model/policy';
import { checkOwnership } from './guard';
import { ownerOf, PARTICIPANT_ID_PATTERN } from './identity';
import type { Logger } from './log';
import type { WriteGate } from './policy';
import { RoomDiverged, type Room } from './room';
import type { DocAddress, RoomRegistry } from './rooms';
import type { Role, Storage } from './storage/types';

/** Origin of the reveal's merge in the shared document: broadcast to every peer, stored, fanned out. */
export const REVEAL_ORIGIN = Symbol('sealed-reveal');

export const sealedPrefix = (roomId: string, scope: string): string => `${roomId}/sealed/${scope}/`;

export function sealedAddress(roomId: string, scope: string, participantId: string): DocAddress {
  return { roomId, kind: 'sealed', docName: `${sealedPrefix(roomId, scope)}${participantId}`, scope };
}

/** True while the control document seals `scope`; anything but `true` (or a malformed policy) is revealed. */
export function readSealed(control: Y.Doc, scope: string): boolean {
  try {
    return control.getMap<unknown>(POLICY_MAP).get(sealedKey(scope)) === true;
  } catch {
    return false;
  }
}

/**
 * The write gate of a participant's sealed document: refuses what is new once the scope is revealed, and
 * binds the write's new client ids to the participant in the shared document (refusing ids bound to, or
 * already used in the shared document by, someone else: `client_conflict`).
 */
export class SealedGate implements WriteGate {
  #released = false;
  #sealed = false;
  #readAt = -1;

  /** `control` and `shared` come with a hold taken (RoomRegistry.acquire); release() gives them back. */
  constructor(
    private readonly control: Room,
    private readonly shared: Room,
    private readonly sealed: Room,
    private readonly scope: string,
    private readonly owner: string
  ) {}

  get isSealed(): boolean {
    if (this.#readAt !== this.control.version) {
      this.#sealed = readSealed(this.control.doc, this.scope);
      this.#readAt = this.control.version;
    }
    return this.#sealed;
  }

  refusal(role: Role, update: Uint8Array): string | null {
    if (role !== 'participant') return REFUSAL_REASONS.revealed; // refused at the upgrade already
    if (!this.isSealed) {
      // A reconnect's step 2 holding nothing new is no write (as for the lock).
      if (Y.snapshotContainsUpdate(Y.snapshot(this.sealed.doc), update)) return null;
      return REFUSAL_REASONS.revealed;
    }
    return this.#bind(update);
  }

  release(): void {
    if (this.#released) return;
    this.#released = true;
    this.control.release();
    this.shared.release();
  }

  #bind(update: Uint8Array): string | null {
    const owners = this.shared.owners;
    if (!owners) return null;
    const fresh: number[] = [];
    const seen = new Set<number>();
    const sealedStore = this.sealed.doc.store;
    for (const struct of Y.decodeUpdate(update).structs) {
      if (struct instanceof Y.Skip) continue;
      const { client, clock } = struct.id;
      if (seen.has(client) || clock + struct.length <= Y.getState(sealedStore, client)) continue;
      seen.add(client);
      const bound = owners.get(client);
      if (bound !== undefined) {
        if (bound !== this.owner) return REFUSAL_REASONS.clientConflict;
        continue;
      }
      if (Y.getState(this.shared.doc.store, client) > 0) return REFUSAL_REASONS.clientConflict;
      fresh.push(client);
    }
    this.shared.bindOwners(fresh, this.owner);
    return null;
  }
}

/** Watches reveals (control documents' transactions on this instance), merges, and counts drafts. */
export class SealedScopes {
  /** Merges running per `<roomId>/<scope>`: a second reveal of the same scope waits for the first. */
  readonly #running = new Map<string, Promise<number>>();

  constructor(
    private readonly storage: Storage,
    private readonly registry: RoomRegistry,
    private readonly log: Logger
  ) {}

  /** RoomRegistry.onLocalTransaction: a facilitator's write to a control document may reveal scopes. */
  readonly onLocalTransaction = (room: Room, tr: Y.Transaction): void => {
    if (room.kind !== 'control') return;
    // The root as this transaction saw it: before anything read it as a Y.Map it is a bare AbstractType
    // (getMap would replace it with a new instance that the transaction does not know).
    const root = tr.doc.share.get(POLICY_MAP);
    const keys = root && tr.changed.get(root);
    if (!keys) return;
    for (const key of keys) {
      const scope = key === null ? null : scopeOfKey(key);
      if (scope === null || readSealed(tr.doc, scope)) continue;
      void this.reveal(room.roomId, scope);
    }
  };

  /** Merges every sealed document of `scope` into the shared document; resolves with how many. */
  reveal(roomId: string, scope: string): Promise<number> {
    const key = `${roomId}/${scope}`;
    const before = this.#running.get(key) ?? Promise.resolve(0);
    const run = before
      .catch(() => 0)
      .then(() => this.#merge(roomId, scope))
      .catch((error: unknown) => {
        this.log.error({ err: error, doc: roomId, scope }, 'reveal failed');
        return 0;
      });
    this.#running.set(key, run);
    void run.then(() => {
      if (this.#running.get(key) === run) this.#running.delete(key);
    });
    return run;
  }

  /** How many participants hold sealed drafts of `scope` (stored, or loaded here with content). */
  async count(roomId: string, scope: string): Promise<number> {
    const prefix = sealedPrefix(roomId, scope);
    const names = new Set(await this.storage.listDocs(prefix));
    for (const room of this.registry.loadedWithPrefix(prefix)) if (room.hasContent) names.add(room.docName);
    return names.size;
  }

  async #merge(roomId: string, scope: string): Promise<number> {
    const prefix = sealedPrefix(roomId, scope);
    const names = new Set(await this.storage.listDocs(prefix));
    for (const room of this.registry.loadedWithPrefix(prefix)) names.add(room.docName);
    if (names.size === 0) return 0;
    const shared = await this.registry.acquire({ roomId, kind: 'shared', docName: roomId });
    try {
      const owners = shared.owners;
      if (!owners) return 0;
      // Every state first (loading waits for storage), then check and apply without yielding in between,
      // so no write to shared can slip between a draft's check and its merge.
      const drafts: Array<{ name: string; owner: string; state: Uint8Array }> = [];
      for (const name of [...names].sort()) {
        const pid = name.slice(prefix.length);
        if (!PARTICIPANT_ID_PATTERN.test(pid)) continue;
        // Loaded (waiting for an unload to finish first): its latest state, written or not.
        const sealed = await this.registry.acquire(sealedAddress(roomId, scope, pid));
        try {
          drafts.push({
            name,
            owner: ownerOf('participant', pid, '') ?? '',
            state: Y.encodeStateAsUpdate(sealed.doc)
          });
        } finally {
          sealed.release();
        }
      }
      const accepted: Uint8Array[] = [];
      for (const { name, owner, state } of drafts) {
        const verdict = checkOwnership(shared.doc, owners, owner, false, state);
        if (!verdict.ok) {
          this.log.warn({ doc: name, reason: verdict.reason }, 'sealed draft not merged');
          continue;
        }
        shared.bindOwners(verdict.bind, owner);
        accepted.push(state);
      }
      if (accepted.length === 0) return 0;
      try {
        shared.applyUpdate(Y.mergeUpdates(accepted), REVEAL_ORIGIN);
      } catch (error) {
        if (error instanceof RoomDiverged) shared.retire('Dokument wird neu geladen / document reloading');
        throw error;
      }
      this.log.info({ doc: roomId, scope, participants: accepted.length }, 'sealed scope revealed');
      return accepted.length;
    } finally {
      shared.release();
    }
  }
}
