// Joining through a link (`/join/<roomId>#<token>`), a pasted link/token or a join code typed from the
// projector (model/join-code.ts): check the token's shape,
// remember the conference on this device with the role the token names, and ask the relay in the
// background whether it accepts the link, so a refused link is explained instead of spinning.
// Meanwhile the conference is opened in the background (its session, loaded on demand), so the page can
// name it (title, region, dates) before asking anything, and the conference page opens with its data.
// Offline, the person simply goes on; the connection explains a refusal later.
import {
  isToken,
  parseJoinInput,
  type ConferenceInfo,
  type JoinInputError,
  type JoinResolveError,
  type JoinTarget,
  type Result
} from '../model';
import { normaliseJoinCode } from '../model/join-code';
import { lookupJoinCode } from '../sync/join-code-api';
import {
  getConference,
  rememberJoinedConference,
  removeConference,
  updateConference
} from '../persistence/db';
import { checkAccess, lookupToken, relayBase, type Refusal } from '../sync/relay-api';
import type { ConferenceSession } from './session.svelte';

export type { JoinInputError, JoinResolveError, JoinTarget, Refusal };
export type JoinPhase = 'checking' | 'ready' | 'invalid' | 'refused';

/** Parses what someone pasted: a whole link, a link without origin, or `<roomId>#<token>`. */
export function parseJoin(text: string): Result<JoinTarget, JoinInputError> {
  return parseJoinInput(text);
}

/**
 * Like parseJoin, and also accepts the token alone (what follows `#`): the relay this app came from names
 * its conference. That needs the relay; the whole link works offline too, and the error says so.
 */
export async function resolveJoin(
  text: string,
  opts: JoinOptions = {}
): Promise<Result<JoinTarget, JoinResolveError>> {
  const parsed = parseJoinInput(text);
  if (parsed.ok) return parsed;
  const code = normaliseJoinCode(text);
  if (code) return resolveJoinCode(code, opts);
  const token = text.replace(/\s+/g, '').replace(/^#/, '');
  if (!isToken(token)) return parsed;
  const origin = opts.origin ?? globalThis.location?.origin ?? 'http://localhost';
  const answer = await lookupToken(relayBase(origin), token, opts.fetch);
  if (answer.kind === 'ok') {
    return { ok: true, value: { roomId: answer.roomId as JoinTarget['roomId'], token, role: answer.role } };
  }
  if (answer.kind === 'unreachable') return { ok: false, error: 'unreachable' };
  const refusal = answer.refusal;
  return { ok: false, error: refusal === 'expired' || refusal === 'revoked' ? refusal : 'unknownToken' };
}

/** A code from the projector (ABCD-EFGH): the relay names the room, the code opens the sealed link. */
async function resolveJoinCode(
  code: string,
  opts: JoinOptions
): Promise<Result<JoinTarget, JoinResolveError>> {
  const origin = opts.origin ?? globalThis.location?.origin ?? 'http://localhost';
  const answer = await lookupJoinCode(relayBase(origin), code, opts.fetch);
  if (answer.kind === 'unreachable') return { ok: false, error: 'unreachable' };
  if (answer.kind === 'tooMany') return { ok: false, error: 'tooMany' };
  if (answer.kind === 'unknown') return { ok: false, error: 'unknownCode' };
  return parseJoinInput(`${answer.roomId}#${answer.token}`);
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
  #preview = $state.raw<ConferenceSession | null>(null);
  #scope = $state<string | null>(null);
  #accessKnown: Promise<void> = Promise.resolve();
  #destroyed = false;

  /** A plan link: the plan it edits (from the relay's access answer), else null. */
  get scope(): string | null {
    return this.#scope;
  }

  /** Resolves once the relay answered the access check, or after `timeoutMs` (offline: go on without). */
  whenAccessKnown(timeoutMs = 3000): Promise<void> {
    return Promise.race([this.#accessKnown, new Promise<void>((r) => setTimeout(r, timeoutMs))]);
  }

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

  /** The conference's details once this device has them (from the relay or an earlier visit). */
  get info(): Readonly<ConferenceInfo> | null {
    const info = this.#preview?.view.info;
    return info && info.title ? info : null;
  }

  /** The background session synced with the relay at least once. */
  get reached(): boolean {
    const status = this.#preview?.connection.status;
    return status === 'synced' || status === 'saved';
  }

  destroy(): void {
    this.#destroyed = true;
    void this.#preview?.destroy();
    this.#preview = null;
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
    void this.#openPreview(target.roomId);
    const base = relayBase(opts.origin ?? globalThis.location?.origin ?? 'http://localhost');
    this.#accessKnown = checkAccess(base, target.roomId, target.token, opts.fetch).then(async (answer) => {
      if (answer.kind === 'ok') return this.#rememberScope(target, answer.scope ?? null);
      if (answer.kind !== 'refused') return;
      this.#refusal = answer.refusal;
      this.#phase = 'refused';
      await this.#preview?.destroy();
      this.#preview = null;
      if (!existed) await removeConference(target.roomId).catch(() => undefined);
    });
  }

  /**
   * A plan link edits one plan: the device record says which (the conference page then keeps the rest
   * read-only). Only when this link is the one the device keeps (a stronger role it had stays).
   */
  async #rememberScope(target: JoinTarget, scope: string | null): Promise<void> {
    const record = await getConference(target.roomId);
    if (!record || record.token !== target.token) return;
    if ((record.planScope ?? null) !== scope) {
      await updateConference(target.roomId, { planScope: scope ?? undefined });
    }
    this.#scope = scope;
  }

  async #openPreview(roomId: string): Promise<void> {
    // Loaded on demand: it brings yjs and the sync code, which the conference page needs next anyway.
    const { ConferenceSession } = await import('./session.svelte');
    if (this.#gone()) return;
    const session = await ConferenceSession.open(roomId).catch(() => null);
    if (this.#gone()) return void session?.destroy();
    this.#preview = session;
  }

  /** The page left, or the relay refused the link: no session may stay open. */
  #gone(): boolean {
    return this.#destroyed || this.#phase === 'refused';
  }
}
