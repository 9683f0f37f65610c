// Creating, renewing and revoking the participant and viewer links from a facilitator's device. The relay
// decides (links-api.ts): it stores only token hashes, revokes older links of a role when one is renewed and
// closes the sockets of revoked links at once. This device keeps the link it shows (ConferenceRecord).
// Each change needs the relay: there is no offline revocation, and the answer says so.
import { makeToken, type Result } from '../model';
import {
  addLink,
  revokeLinks,
  type LinkChangeOutcome,
  type LinkRole,
  type RelayBase
} from '../sync/relay-api';

export type { LinkRole };
export type LinkAction = 'create' | 'renew' | 'revoke';
/** `unreachable`: no answer from the server; `notRegistered`: the server does not know the conference yet. */
export type LinkError = 'unreachable' | 'notRegistered' | 'forbidden';

export interface LinkAdminHost {
  roomId: string;
  /** The facilitator's own link token: the relay accepts link changes only with it. */
  facilitatorToken: string;
  registered: boolean;
  relay: { base: RelayBase; fetch: typeof fetch | undefined };
  setShareToken(role: LinkRole, token: string | null): Promise<void>;
}

export interface LinkChange {
  role: LinkRole;
  action: LinkAction;
  /** How many links the relay revoked (renew and revoke). */
  revoked: number;
}

function failure(outcome: Exclude<LinkChangeOutcome, { kind: 'ok' }>): LinkError {
  if (outcome.kind === 'unreachable') return 'unreachable';
  if (outcome.refusal === 'unknown-room') return 'notRegistered';
  return 'forbidden';
}

export class LinkAdmin {
  /** The role whose link is being changed right now (one change at a time). */
  busy = $state<LinkRole | null>(null);
  #host: LinkAdminHost;

  constructor(host: LinkAdminHost) {
    this.#host = host;
  }

  /** A new link for `role`: `create` keeps the others working, `renew` revokes them, `revoke` adds none. */
  async run(role: LinkRole, action: LinkAction): Promise<Result<LinkChange, LinkError>> {
    if (this.busy) return { ok: false, error: 'unreachable' };
    const host = this.#host;
    if (!host.registered) return { ok: false, error: 'notRegistered' };
    this.busy = role;
    try {
      const { base, fetch: fetchFn } = host.relay;
      if (action === 'revoke') {
        const outcome = await revokeLinks(base, host.roomId, host.facilitatorToken, role, fetchFn);
        if (outcome.kind !== 'ok') return { ok: false, error: failure(outcome) };
        await host.setShareToken(role, null);
        return { ok: true, value: { role, action, revoked: outcome.revoked } };
      }
      const token = makeToken(role);
      const outcome = await addLink(
        base,
        host.roomId,
        host.facilitatorToken,
        { role, token, replace: action === 'renew' },
        fetchFn
      );
      if (outcome.kind !== 'ok') return { ok: false, error: failure(outcome) };
      await host.setShareToken(role, token);
      return { ok: true, value: { role, action, revoked: outcome.revoked } };
    } finally {
      this.busy = null;
    }
  }
}

/** The link management of an open conference (facilitators only: the relay refuses everyone else). */
export function linkAdminFor(session: {
  roomId: string;
  record: { token: string; registered: boolean };
  relay: LinkAdminHost['relay'];
  setShareToken: LinkAdminHost['setShareToken'];
}): LinkAdmin {
  return new LinkAdmin({
    roomId: session.roomId,
    get facilitatorToken() {
      return session.record.token;
    },
    get registered() {
      return session.record.registered;
    },
    relay: session.relay,
    setShareToken: (role, token) => session.setShareToken(role, token)
  });
}
