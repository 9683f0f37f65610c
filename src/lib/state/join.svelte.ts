// Joining through a link (`/join/<roomId>#<token>`) or a pasted link/code: check the token's shape,
// remember the conference on this device with the role the token names, and ask the relay in the
// background whether it accepts the link, so a refused link is explained instead of spinning.
// Offline, the person simply goes on; the connection explains a refusal later.
import { parseJoinInput, type JoinInputError, type JoinTarget, type Result } from '../model';
import { getConference, rememberJoinedConference, removeConference } from '../persistence/db';
import { checkAccess, relayBase, type Refusal } from '../sync/relay-api';

export type { JoinInputError, JoinTarget, Refusal };
export type JoinPhase = 'checking' | 'ready' | 'invalid' | 'refused';

/** Parses what someone pasted: a whole link, a link without origin, or `<roomId>#<token>`. */
export function parseJoin(text: string): Result<JoinTarget, JoinInputError> {
  return parseJoinInput(text);
}

export interface JoinOptions {
  origin?: string;
  fetch?: typeof fetch;
}

export class JoinFlow {
  #phase = $state<JoinPhase>('checking');
  #error = $state<JoinInputError | null>(null);
  #refusal = $state<Refusal | null>(null);
  #target = $state.raw<JoinTarget | null>(null);

  get phase(): JoinPhase {
    return this.#phase;
  }

  /** Why the link is malformed (phase 'invalid'). */
  get error(): JoinInputError | null {
    return this.#error;
  }

  /** Why the relay refused the link (phase 'refused'). */
  get refusal(): Refusal | null {
    return this.#refusal;
  }

  get target(): JoinTarget | null {
    return this.#target;
  }

  /**
   * Starts joining `roomId` with the fragment `hash` (`#<token>` or `<token>`). Resolves once the
   * conference is stored on this device (phase 'ready') or the link is known to be bad. The access
   * check continues in the background and may still turn the phase to 'refused'.
   */
  async start(roomId: string, hash: string, opts: JoinOptions = {}): Promise<void> {
    const token = hash.replace(/^#/, '');
    const parsed = parseJoinInput(`${roomId}#${token}`);
    if (!parsed.ok) {
      this.#error = token === '' ? 'noToken' : parsed.error;
      this.#phase = 'invalid';
      return;
    }
    const target = parsed.value;
    this.#target = target;
    const existed = (await getConference(target.roomId)) !== undefined;
    await rememberJoinedConference({ roomId: target.roomId, role: target.role, token: target.token });
    this.#phase = 'ready';
    const base = relayBase(opts.origin ?? globalThis.location?.origin ?? 'http://localhost');
    void checkAccess(base, target.roomId, target.token, opts.fetch).then(async (answer) => {
      if (answer.kind !== 'refused') return;
      this.#refusal = answer.refusal;
      this.#phase = 'refused';
      if (!existed) await removeConference(target.roomId).catch(() => undefined);
    });
  }
}
