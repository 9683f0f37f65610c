// The session token the app connects with (ARCHITECTURE.md): the stored link token is traded at
// POST /api/rooms/<roomId>/session for a signed token that expires (12 h by default), so the long-lived link
// secret does not travel in WebSocket URLs. Renewed before it runs out; fetched anew after a long time
// offline. A relay without the endpoint (404 not_found) gets the link token, as before. The device's
// participant key goes with every request: the relay signs the participant id it derives into the token,
// so this device's ideas stay its own (the relay refuses others' changes to them) across renewals.
import { refusalOf, type Refusal, type RelayBase } from './relay-api';

export type TokenAnswer =
  | { kind: 'ok'; token: string; expiresIn: number }
  | { kind: 'unsupported' }
  | { kind: 'refused'; refusal: Refusal }
  | { kind: 'unreachable' };

type Fetch = typeof fetch;

/** Asks the relay for a session token; `expiresIn` is in seconds (the device's clock may be off). */
export async function requestSessionToken(
  base: RelayBase,
  roomId: string,
  linkToken: string,
  fetchFn: Fetch = fetch,
  participantKey?: string
): Promise<TokenAnswer> {
  let response: Response;
  try {
    const headers: Record<string, string> = { Authorization: `Bearer ${linkToken}` };
    if (participantKey) headers['Content-Type'] = 'application/json';
    response = await fetchFn(`${base.http}/api/rooms/${encodeURIComponent(roomId)}/session`, {
      method: 'POST',
      headers,
      ...(participantKey ? { body: JSON.stringify({ participantKey }) } : {}),
      cache: 'no-store'
    });
  } catch {
    return { kind: 'unreachable' };
  }
  const body = (await response.json().catch(() => null)) as Record<string, unknown> | null;
  if (response.ok) {
    const { token, expiresIn, expiresAt } = body ?? {};
    if (typeof token !== 'string' || token === '') return { kind: 'unreachable' };
    const seconds =
      typeof expiresIn === 'number'
        ? expiresIn
        : typeof expiresAt === 'number'
          ? (expiresAt - Date.now()) / 1000
          : 0;
    return { kind: 'ok', token, expiresIn: Math.max(0, seconds) };
  }
  const error = typeof body?.error === 'string' ? body.error : '';
  // An older relay answers unknown API paths with 404 not_found (or a proxy with anything not JSON).
  if (response.status === 404 && error !== 'room_not_found') return { kind: 'unsupported' };
  const message = typeof body?.message === 'string' ? body.message : '';
  const refusal = refusalOf(response.status, `${error} ${message}`);
  return refusal ? { kind: 'refused', refusal } : { kind: 'unreachable' };
}

export interface SessionTokenOptions {
  base: RelayBase;
  roomId: string;
  linkToken: string;
  /** This device's participant key: the relay binds the participant id it derives into the token. */
  participantKey?: string;
  fetch?: Fetch;
  /** A new token is in use (update the providers' params). */
  onToken: (token: string) => void;
  /** The relay refused the link itself. */
  onRefused: (refusal: Refusal) => void;
  /** Any request finished (the failure count may have changed). */
  onChange?: () => void;
  now?: () => number;
}

/** Renew when this share of the lifetime is used up, at the latest this long before it ends. */
const RENEW_AT = 0.8;
const RENEW_MARGIN_MS = 60_000;
const RETRY_MIN_MS = 1000;
const RETRY_MAX_MS = 30_000;

export class SessionTokenSource {
  #opts: SessionTokenOptions;
  #token: string | null = null;
  #renewAt = 0;
  #expiresAt = 0;
  #issuedAt = 0;
  #pending: Promise<string | null> | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #retryMs = RETRY_MIN_MS;
  #failures = 0;
  #destroyed = false;

  constructor(opts: SessionTokenOptions) {
    this.#opts = opts;
  }

  /** The token to connect with now, or null while none could be fetched. */
  get token(): string | null {
    return this.#token;
  }

  /** Fetches in a row that found the relay unreachable (the status bar shows "offline" from 2 on). */
  get failures(): number {
    return this.#failures;
  }

  /** A usable token: the current one unless it is due for renewal, else a fresh one (null if none). */
  ensure(): Promise<string | null> {
    if (this.#token && this.#now() < this.#renewAt) return Promise.resolve(this.#token);
    return this.#fetch();
  }

  /**
   * A socket closed before it synced. If the token may be the cause (expired by this device's clock, or
   * a session token older than a minute: the clocks may disagree), fetch a new one.
   */
  refreshAfterFailure(): void {
    if (!this.#token || this.#token === this.#opts.linkToken) return;
    const now = this.#now();
    if (now >= this.#expiresAt || now - this.#issuedAt > RENEW_MARGIN_MS) void this.#fetch();
  }

  /** The network is back: a failed fetch is tried again now, not after its back-off. */
  nudge(): void {
    this.#retryMs = RETRY_MIN_MS;
    if (this.#failures > 0 && !this.#pending) {
      clearTimeout(this.#timer);
      void this.#fetch();
    }
  }

  destroy(): void {
    this.#destroyed = true;
    clearTimeout(this.#timer);
  }

  #now(): number {
    return (this.#opts.now ?? Date.now)();
  }

  #fetch(): Promise<string | null> {
    this.#pending ??= this.#request().finally(() => {
      this.#pending = null;
      if (!this.#destroyed) this.#opts.onChange?.();
    });
    return this.#pending;
  }

  async #request(): Promise<string | null> {
    const { base, roomId, linkToken } = this.#opts;
    const answer = await requestSessionToken(
      base,
      roomId,
      linkToken,
      this.#opts.fetch,
      this.#opts.participantKey
    );
    if (this.#destroyed) return null;
    clearTimeout(this.#timer);
    if (answer.kind === 'refused') {
      this.#token = null;
      this.#opts.onRefused(answer.refusal);
      return null;
    }
    if (answer.kind === 'unreachable') {
      this.#failures++;
      this.#timer = setTimeout(() => void this.#fetch(), this.#retryMs);
      this.#retryMs = Math.min(this.#retryMs * 2, RETRY_MAX_MS);
      // An expired session token is of no use any more; a fresh-enough one still is.
      if (this.#token && this.#token !== linkToken && this.#now() >= this.#expiresAt) this.#token = null;
      return this.#token;
    }
    this.#failures = 0;
    this.#retryMs = RETRY_MIN_MS;
    if (answer.kind === 'unsupported') {
      this.#token = linkToken;
      this.#renewAt = this.#expiresAt = Infinity;
    } else {
      const now = this.#now();
      const lifetime = answer.expiresIn * 1000;
      this.#token = answer.token;
      this.#issuedAt = now;
      this.#expiresAt = now + lifetime;
      this.#renewAt = now + Math.max(0, Math.min(lifetime * RENEW_AT, lifetime - RENEW_MARGIN_MS));
      const delay = Math.min(Math.max(1000, this.#renewAt - now), 2 ** 31 - 1);
      this.#timer = setTimeout(() => void this.#fetch(), delay);
    }
    this.#opts.onToken(this.#token);
    return this.#token;
  }
}
