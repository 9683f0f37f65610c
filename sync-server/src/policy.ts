// Who may write the shared document right now: the room lock. The lock lives in the control document's
// `policy` map (names from src/lib/model/policy.ts, the one app file the relay imports); it is the only part
// of the control document the relay reads — access policy, never board content. A gate is taken for every
// connection to a shared document: it holds the room's control document loaded (so the relay always knows
// the current lock, including changes fanned out from other instances) until that connection closes.

import * as Y from 'yjs';
import { POLICY_KEYS, POLICY_MAP, REFUSAL_REASONS } from '../../src/lib/model/policy';
import type { Room } from './room';
import type { Role } from './storage/types';

export interface WriteGate {
  /** Why this update of `role` to the shared document is refused now, or null when it may be applied. */
  refusal(role: Role, update: Uint8Array): string | null;
  /** The connection closed: stop holding the control document. Idempotent. */
  release(): void;
}

/** True when the control document says the room is locked; a malformed policy reads as unlocked. */
export function readLocked(control: Y.Doc): boolean {
  try {
    return control.getMap<unknown>(POLICY_MAP).get(POLICY_KEYS.locked) === true;
  } catch {
    return false; // the root was written as another Yjs type: no valid policy
  }
}

export class LockGate implements WriteGate {
  #released = false;
  /** The lock as read at the control document's version `#readAt` (read again only after a change). */
  #locked = false;
  #readAt = -1;

  /** `control` comes with a hold taken (RoomRegistry.acquire); release() gives it back. */
  constructor(
    private readonly control: Room,
    private readonly shared: Room
  ) {}

  get locked(): boolean {
    if (this.#readAt !== this.control.version) {
      this.#locked = readLocked(this.control.doc); // may integrate stored content: version read after
      this.#readAt = this.control.version;
    }
    return this.#locked;
  }

  refusal(role: Role, update: Uint8Array): string | null {
    if (role !== 'participant' || !this.locked) return null;
    // Every client answers the relay's sync step 1 with a step 2 on each connect. When it holds nothing
    // the relay lacks, that is no write and must not be refused (or a locked room would reset every
    // participant that merely reconnects).
    if (Y.snapshotContainsUpdate(Y.snapshot(this.shared.doc), update)) return null;
    return REFUSAL_REASONS.locked;
  }

  release(): void {
    if (this.#released) return;
    this.#released = true;
    this.control.release();
  }
}
