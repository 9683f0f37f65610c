// The facilitators' document (`<roomId>/facilitators`): what only facilitators may read and write, enforced
// by the relay (it refuses everyone else at the upgrade). Today it holds the conference's share links, so
// every facilitator device (the projector laptop too) shows the join QR code, not only the device that
// created the conference. Later: contact details given with consent, moderation notes.
//
// | root (Y.Map) | key                     | value                                     |
// | ------------ | ----------------------- | ----------------------------------------- |
// | `links`      | `participant`, `viewer` | the capability token of that link (`p_…`) |

import * as Y from 'yjs';
import { roleOfToken, type RoomId } from '../model';
import { LOCAL_ORIGIN, type DocOrigin } from './origin';
import { rootMap } from './schema';

export const facilitatorsGuid = (roomId: RoomId): string => `${roomId}/facilitators`;

const LINKS = 'links';
const LINK_ROLES = ['participant', 'viewer'] as const;

export type LinkRole = (typeof LINK_ROLES)[number];

/** The share tokens there are (a role can be missing: never written, or its link revoked). */
export type ShareTokens = Partial<Record<LinkRole, string>>;

export function createFacilitatorsDoc(roomId: RoomId): Y.Doc {
  const doc = new Y.Doc({ guid: facilitatorsGuid(roomId) });
  rootMap(doc, LINKS);
  return doc;
}

/** The token of `role`, when there and well-formed for that role; else null. */
export function readShareToken(doc: Y.Doc, role: LinkRole): string | null {
  const value = rootMap(doc, LINKS)?.get(role);
  return typeof value === 'string' && roleOfToken(value) === role ? value : null;
}

export function readShareTokens(doc: Y.Doc): ShareTokens {
  const out: ShareTokens = {};
  for (const role of LINK_ROLES) {
    const token = readShareToken(doc, role);
    if (token) out[role] = token;
  }
  return out;
}

/** Sets (or with null removes) the token of one role, when it differs. */
export function writeShareToken(
  doc: Y.Doc,
  role: LinkRole,
  token: string | null,
  origin: DocOrigin = LOCAL_ORIGIN
): void {
  const links = rootMap(doc, LINKS);
  if (!links) return;
  if (token === null ? !links.has(role) : links.get(role) === token) return;
  doc.transact(() => (token === null ? links.delete(role) : links.set(role, token)), origin);
}

/**
 * Calls `onChange(role, token)` for each role whose entry a transaction changed (token null: removed or
 * malformed). Returns the function that stops.
 */
export function observeShareTokens(
  doc: Y.Doc,
  onChange: (role: LinkRole, token: string | null) => void
): () => void {
  const links = rootMap(doc, LINKS);
  if (!links) return () => undefined;
  const listener = (event: Y.YMapEvent<unknown>): void => {
    for (const key of event.keysChanged) {
      const role = LINK_ROLES.find((r) => r === key);
      if (role) onChange(role, readShareToken(doc, role));
    }
  };
  links.observe(listener);
  return () => links.unobserve(listener);
}
