// The join links of a conference: the ones this device shows (shareLinksOf), and creating, renewing and
// revoking the participant and viewer links from a facilitator's device. The relay decides (links-api.ts):
// it stores only token hashes, revokes older links of a role when one is renewed and closes the sockets of
// revoked links at once. This device keeps the link it shows (ConferenceRecord), a facilitator's also in the
// facilitators' document (share-tokens.ts keeps the two in step). Each change needs the relay: there is no
// offline revocation, and the answer says so.
import type * as Y from 'yjs';
import { LOCAL_ORIGIN, writeShareToken } from '../doc';
import { joinLink, makeToken, type Result, type Role, type RoomId } from '../model';
import {
  addLink,
  revokeLinks,
  type LinkChangeOutcome,
  type LinkRole,
  type RelayBase
} from '../sync/relay-api';
import { withShareToken, type ShareTokens } from './share-tokens';

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

/** What the last change of a role's link came to, kept here so the words outlive the button that asked. */
export type LinkOutcome = { ok: true; action: LinkAction } | { ok: false; error: LinkError };

export class LinkAdmin {
  /** The role whose link is being changed right now (one change at a time). */
  busy = $state<LinkRole | null>(null);
  #outcomes = $state<Record<LinkRole, LinkOutcome | null>>({ participant: null, viewer: null });
  #host: LinkAdminHost;

  outcome(role: LinkRole): LinkOutcome | null {
    return this.#outcomes[role];
  }

  constructor(host: LinkAdminHost) {
    this.#host = host;
  }

  /** A new link for `role`: `create` keeps the others working, `renew` revokes them, `revoke` adds none. */
  async run(role: LinkRole, action: LinkAction): Promise<Result<LinkChange, LinkError>> {
    if (this.busy) return { ok: false, error: 'unreachable' };
    this.#outcomes[role] = null;
    const result = await this.#run(role, action);
    this.#outcomes[role] = result.ok ? { ok: true, action } : { ok: false, error: result.error };
    return result;
  }

  async #run(role: LinkRole, action: LinkAction): Promise<Result<LinkChange, LinkError>> {
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

/** What the share links need of an open conference (ConferenceSession). */
export interface ShareHost {
  roomId: RoomId;
  /** Where this device loaded the app from: its join links start there. */
  origin: string;
  record: { role: Role; token: string; shareTokens?: ShareTokens };
  facilitatorsDoc: Y.Doc | null;
  saveShareTokens(tokens: ShareTokens): Promise<void>;
}

export interface ShareLinks {
  participant: string | null;
  viewer: string | null;
  facilitator: string | null;
}

/** The join link of `token` for this conference (from this device's origin). */
export function joinLinkOf(session: Pick<ShareHost, 'roomId' | 'origin'>, token: string): string {
  return joinLink(session.origin, session.roomId, token);
}

/** The links this device shows: the share links it keeps, else its own role's. */
export function shareLinksOf(session: Pick<ShareHost, 'roomId' | 'origin' | 'record'>): ShareLinks {
  const link = (token: string | undefined) => (token ? joinLinkOf(session, token) : null);
  const r = session.record;
  return {
    participant: link(r.shareTokens?.participant ?? (r.role === 'participant' ? r.token : undefined)),
    viewer: link(r.shareTokens?.viewer ?? (r.role === 'viewer' ? r.token : undefined)),
    facilitator: r.role === 'facilitator' ? link(r.token) : null
  };
}

/** Stores (or, with null, forgets) the participant or viewer link this device shows. */
export async function setShareToken(session: ShareHost, role: LinkRole, token: string | null): Promise<void> {
  // Every facilitator device shows the new state (lib/doc/facilitators.ts).
  if (session.facilitatorsDoc) writeShareToken(session.facilitatorsDoc, role, token, LOCAL_ORIGIN);
  await session.saveShareTokens(withShareToken(session.record.shareTokens, role, token));
}

/** The link management of an open conference (facilitators only: the relay refuses everyone else). */
export function linkAdminFor(
  session: ShareHost & { record: { registered: boolean }; relay: LinkAdminHost['relay'] }
): LinkAdmin {
  return new LinkAdmin({
    roomId: session.roomId,
    get facilitatorToken() {
      return session.record.token;
    },
    get registered() {
      return session.record.registered;
    },
    relay: session.relay,
    setShareToken: (role, token) => setShareToken(session, role, token)
  });
}
