// When the relay deletes this conference (retention.ts on the relay): read once when the conference opens,
// so every device can announce it beforehand; facilitators set a day of their own or go back to the
// relay's default. Days are calendar days (`YYYY-MM-DD`, the conference's dates are too): the relay deletes
// at the start of that day (00:00 UTC). Offline nothing is known and nothing is shown.
import { relayRetention, type RelayBase, type RetentionAnswer } from '../sync/relay-api';

export interface RetentionHost {
  roomId: string;
  record: { token: string; registered: boolean };
  relay: { base: RelayBase; fetch: typeof fetch | undefined };
}

/** `YYYY-MM-DD` of an epoch-ms time in UTC. */
// eslint-disable-next-line svelte/prefer-svelte-reactivity -- formatted at once, never kept or mutated
export const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export class ConferenceRetention {
  #answer = $state.raw<RetentionAnswer | null>(null);
  busy = $state(false);
  /** The last change failed (offline, or the relay refused). */
  failed = $state(false);
  #host: RetentionHost;

  constructor(host: RetentionHost) {
    this.#host = host;
  }

  /** The day the relay deletes the conference, `YYYY-MM-DD`; null when none is known. */
  get day(): string | null {
    const at = this.#answer?.deleteAfter ?? null;
    return at === null ? null : isoDay(at);
  }

  /** The day was set by facilitators (not the relay's default). */
  get own(): boolean {
    return this.#answer?.source === 'room';
  }

  async load(): Promise<void> {
    if (!this.#host.record.registered) return;
    const { base, fetch: fetchFn } = this.#host.relay;
    const answer = await relayRetention(base, this.#host.roomId, this.#host.record.token, undefined, fetchFn);
    if (answer) this.#answer = answer;
  }

  /** Sets the day (`YYYY-MM-DD`, after today) or, with null, goes back to the relay's default. */
  async set(day: string | null): Promise<boolean> {
    const at = day === null ? null : Date.parse(`${day}T00:00:00Z`);
    if (at !== null && !(Number.isFinite(at) && at > Date.now())) {
      this.failed = true;
      return false;
    }
    this.busy = true;
    this.failed = false;
    try {
      const { base, fetch: fetchFn } = this.#host.relay;
      const token = this.#host.record.token;
      const answer = await relayRetention(base, this.#host.roomId, token, { deleteAfter: at }, fetchFn);
      if (answer) this.#answer = answer;
      else this.failed = true;
      return answer !== null;
    } finally {
      this.busy = false;
    }
  }
}
