// A participant removes what they gave: their supporter answers on the Landkarte (their own entries in
// the shared document, withdrawn with their normal write) and their contact details (in the facilitators'
// document, which this device cannot read: the relay removes the entries bound to this participant). Once
// the withdrawals are saved on the relay, the relay rewrites both documents' stored history, so none of it
// stays in stored bytes (sync-server/src/forget-me.ts, ARCHITECTURE.md "Forgetting a participant").
import type { SupporterId } from '../model';
import { forgetMe } from '../sync/relay-api';
import type { Landkarte } from './landkarte.svelte';
import type { ConferenceSession } from './session.svelte';

/** `done`: removed on the relay too; `offline`: not reached (nothing lost, try again); `refused`. */
export type ForgetOutcome = 'done' | 'offline' | 'refused';

const SAVED_WAIT_MS = 10_000;

export class ForgetMe {
  busy = $state(false);
  outcome = $state<ForgetOutcome | null>(null);
  #session: ConferenceSession;
  #landkarte: Pick<Landkarte, 'ownSupporters' | 'withdraw'>;

  constructor(session: ConferenceSession, landkarte: Pick<Landkarte, 'ownSupporters' | 'withdraw'>) {
    this.#session = session;
    this.#landkarte = landkarte;
  }

  get canForget(): boolean {
    return this.#session.role === 'participant';
  }

  async run(): Promise<ForgetOutcome> {
    if (!this.canForget) return (this.outcome = 'refused');
    this.busy = true;
    try {
      for (const id of [...this.#landkarte.ownSupporters]) this.#landkarte.withdraw(id as SupporterId);
      // The withdrawals must be on the relay before it rewrites the history.
      if (!(await this.#saved())) return (this.outcome = 'offline');
      const token = await this.#session.connection.sessionToken();
      if (!token) return (this.outcome = 'offline');
      const { base, fetch: fetchFn } = this.#session.relay;
      const answer = await forgetMe(base, this.#session.roomId, token, fetchFn);
      this.outcome = answer.kind === 'ok' ? 'done' : answer.kind === 'unreachable' ? 'offline' : 'refused';
      return this.outcome;
    } finally {
      this.busy = false;
    }
  }

  async #saved(): Promise<boolean> {
    const until = Date.now() + SAVED_WAIT_MS;
    while (this.#session.connection.status !== 'saved') {
      if (Date.now() > until) return false;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return true;
  }
}
