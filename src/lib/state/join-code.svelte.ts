// The room's join code on a facilitator's device: the code lives in the facilitators' document (so every
// facilitator device, the projector laptop too, shows the same one) and on the relay as its derived hash
// plus the participant link sealed with it (lib/sync/join-code-api.ts). Making a new code replaces the old
// one on the relay first, then in the document; ending it removes both. Each change needs the relay.
// When the participant link was renewed or revoked (share dialog), the next device that shows the code
// seals the new link with the same code, or ends the code when there is no link any more.
import type * as Y from 'yjs';
import {
  observeJoinCode,
  readJoinCode,
  readJoinCodeFor,
  readShareToken,
  writeJoinCode
} from '../doc/facilitators';
import { makeJoinCode } from '../model/join-code';
import { endJoinCode, registerJoinCode, type JoinCodeChange } from '../sync/join-code-api';
import type { RelayBase } from '../sync/relay-api';

export type JoinCodeError = Exclude<JoinCodeChange, 'ok'> | 'noLink';
export type JoinCodeOutcome = { ok: true; action: 'make' | 'end' } | { ok: false; error: JoinCodeError };

export interface JoinCodeHost {
  roomId: string;
  facilitatorsDoc: Y.Doc | null;
  record: { token: string; shareTokens?: { participant?: string } };
  relay: { base: RelayBase; fetch: typeof fetch | undefined };
}

export class JoinCodeAdmin {
  code = $state<string | null>(null);
  busy = $state(false);
  outcome = $state<JoinCodeOutcome | null>(null);
  #host: JoinCodeHost;
  #stop: () => void;

  constructor(host: JoinCodeHost) {
    this.#host = host;
    const doc = host.facilitatorsDoc;
    this.code = doc ? readJoinCode(doc) : null;
    this.#stop = doc
      ? observeJoinCode(doc, (code) => {
          this.code = code;
          void this.#follow();
        })
      : () => undefined;
    void this.#follow();
  }

  #participantToken(): string | null {
    const doc = this.#host.facilitatorsDoc;
    return (
      (doc ? readShareToken(doc, 'participant') : null) ?? this.#host.record.shareTokens?.participant ?? null
    );
  }

  /** Keeps the code opening the current participant link (renewed: sealed again; revoked: ended). */
  async #follow(): Promise<void> {
    const doc = this.#host.facilitatorsDoc;
    const code = doc ? readJoinCode(doc) : null;
    if (!doc || !code || this.busy) return;
    const token = this.#participantToken();
    if (token === readJoinCodeFor(doc)) return;
    const { base, fetch: fetchFn } = this.#host.relay;
    const facilitator = this.#host.record.token;
    if (token === null) {
      if ((await endJoinCode(base, this.#host.roomId, facilitator, fetchFn)) === 'ok')
        writeJoinCode(doc, null);
      return;
    }
    const change = await registerJoinCode(base, this.#host.roomId, facilitator, code, token, fetchFn);
    if (change === 'ok' && readJoinCode(doc) === code) writeJoinCode(doc, { code, token });
  }

  destroy(): void {
    this.#stop();
  }

  /** A new code for the participant link (the previous code stops working). */
  async make(): Promise<void> {
    const host = this.#host;
    const doc = host.facilitatorsDoc;
    const token = this.#participantToken();
    if (!doc || !token) return void (this.outcome = { ok: false, error: 'noLink' });
    await this.#run('make', async () => {
      for (let attempt = 0; attempt < 3; attempt++) {
        const code = makeJoinCode();
        const { base, fetch: fetchFn } = host.relay;
        const change = await registerJoinCode(base, host.roomId, host.record.token, code, token, fetchFn);
        if (change === 'taken') continue; // another room holds that code: draw again
        if (change === 'ok') writeJoinCode(doc, { code, token });
        return change;
      }
      return 'taken';
    });
  }

  /** Ends the code: typing it leads nowhere any more. */
  async end(): Promise<void> {
    const host = this.#host;
    await this.#run('end', async () => {
      const change = await endJoinCode(host.relay.base, host.roomId, host.record.token, host.relay.fetch);
      if (change === 'ok' && host.facilitatorsDoc) writeJoinCode(host.facilitatorsDoc, null);
      return change;
    });
  }

  async #run(action: 'make' | 'end', change: () => Promise<JoinCodeChange>): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.outcome = null;
    try {
      const result = await change();
      this.outcome = result === 'ok' ? { ok: true, action } : { ok: false, error: result };
    } finally {
      this.busy = false;
    }
  }
}
