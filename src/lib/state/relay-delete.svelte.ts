// Deleting the open conference on the relay for good, from a facilitator's device (room-delete.ts on the
// relay: its stored history, links and everything derived; every device's sockets close with 4410). This
// device keeps its own copy; its connection stops and says `deleted` (the layout's DeletedNotice offers the
// conference file as a last copy and removing it here too). Needs the relay: nothing happens offline.
import { deleteRoomOnRelay, type RelayBase } from '../sync/relay-api';

/** `notRegistered`: the relay never had the conference; `forbidden`: not a facilitator's link. */
export type RelayDeleteError = 'unreachable' | 'forbidden' | 'notRegistered';

export interface RelayDeleteHost {
  roomId: string;
  record: { token: string; registered: boolean };
  relay: { base: RelayBase; fetch: typeof fetch | undefined };
  connection: { markDeleted(): void };
}

export class RelayDeletion {
  busy = $state(false);
  error = $state<RelayDeleteError | null>(null);
  #host: RelayDeleteHost;

  constructor(host: RelayDeleteHost) {
    this.#host = host;
  }

  /** True once the relay no longer holds the conference (also when it was deleted before). */
  async run(): Promise<boolean> {
    if (this.busy) return false;
    const host = this.#host;
    this.error = null;
    if (!host.record.registered) {
      this.error = 'notRegistered';
      return false;
    }
    this.busy = true;
    try {
      const { base, fetch: fetchFn } = host.relay;
      const outcome = await deleteRoomOnRelay(base, host.roomId, host.record.token, fetchFn);
      if (outcome.kind === 'deleted') {
        host.connection.markDeleted();
        return true;
      }
      this.error =
        outcome.kind === 'unreachable'
          ? 'unreachable'
          : outcome.refusal === 'unknown-room'
            ? 'notRegistered'
            : 'forbidden';
      return false;
    } finally {
      this.busy = false;
    }
  }
}
