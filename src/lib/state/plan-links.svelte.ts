// Plan links from a facilitator's device (issue 12): a participant link that edits one plan only, to send
// to the plan's owners by mail or messenger. Made here (the token never leaves this device except in the
// link), registered with the relay with the plan id as its scope, listed and revoked there. The relay keeps
// only hashes, so a link is shown right after it is made; later the list names when each was made.
import { makeToken, type Result } from '../model';
import { addPlanLink, listPlanLinks, revokeLinkByHash, type PlanLinkInfo } from '../sync/plan-links-api';
import type { RelayBase } from '../sync/relay-api';
import { joinLinkOf, type LinkError } from './links.svelte';
import type { ConferenceSession } from './session.svelte';

export type { PlanLinkInfo };

interface Host {
  base: RelayBase;
  fetchFn: typeof fetch | undefined;
  roomId: string;
  /** The facilitator's own link token: the relay manages links only with it. */
  token: string;
}

export class PlanLinks {
  readonly #session: ConferenceSession;
  readonly planId: string;
  /** The plan's links on the relay (active and revoked); null until loaded or when not reachable. */
  links = $state.raw<PlanLinkInfo[] | null>(null);
  /** The link made last on this device, shown with its QR code. */
  made = $state<string | null>(null);
  busy = $state(false);
  error = $state<LinkError | null>(null);

  constructor(session: ConferenceSession, planId: string) {
    this.#session = session;
    this.planId = planId;
  }

  get #host(): Host {
    const { base, fetch: fetchFn } = this.#session.relay;
    return { base, fetchFn, roomId: this.#session.roomId, token: this.#session.record.token };
  }

  async load(): Promise<void> {
    const h = this.#host;
    const links = await listPlanLinks(h.base, h.roomId, h.token, this.planId, h.fetchFn);
    if (links) this.links = links;
    else this.error ??= 'unreachable';
  }

  /** A new plan link: registered with the relay first, then shown. */
  async create(): Promise<Result<string, LinkError>> {
    return this.#run(async (h) => {
      const token = makeToken('participant');
      const outcome = await addPlanLink(h.base, h.roomId, h.token, this.planId, token, h.fetchFn);
      if (outcome.kind !== 'ok') return { ok: false, error: failure(outcome) };
      this.made = joinLinkOf(this.#session, token);
      return { ok: true, value: this.made };
    });
  }

  async revoke(tokenHash: string): Promise<Result<number, LinkError>> {
    return this.#run(async (h) => {
      const outcome = await revokeLinkByHash(h.base, h.roomId, h.token, tokenHash, h.fetchFn);
      if (outcome.kind !== 'ok') return { ok: false, error: failure(outcome) };
      return { ok: true, value: outcome.revoked };
    });
  }

  async #run<T>(work: (h: Host) => Promise<Result<T, LinkError>>): Promise<Result<T, LinkError>> {
    if (this.busy) return { ok: false, error: 'unreachable' };
    if (!this.#session.record.registered) return this.#fail('notRegistered');
    this.busy = true;
    this.error = null;
    try {
      const result = await work(this.#host);
      if (!result.ok) this.error = result.error;
      await this.load();
      return result;
    } finally {
      this.busy = false;
    }
  }

  #fail(error: LinkError): Result<never, LinkError> {
    this.error = error;
    return { ok: false, error };
  }
}

function failure(outcome: { kind: 'refused'; refusal: string } | { kind: 'unreachable' }): LinkError {
  if (outcome.kind === 'unreachable') return 'unreachable';
  return outcome.refusal === 'unknown-room' ? 'notRegistered' : 'forbidden';
}
