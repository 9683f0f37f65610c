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

export interface ShareTokens {
  participant: string;
  viewer: string;
}

export function createFacilitatorsDoc(roomId: RoomId): Y.Doc {
  const doc = new Y.Doc({ guid: facilitatorsGuid(roomId) });
  rootMap(doc, LINKS);
  return doc;
}

/** The share tokens, when both are there and well-formed for their role; else null. */
export function readShareTokens(doc: Y.Doc): ShareTokens | null {
  const links = rootMap(doc, LINKS);
  const read = (role: (typeof LINK_ROLES)[number]): string | null => {
    const value = links?.get(role);
    return typeof value === 'string' && roleOfToken(value) === role ? value : null;
  };
  const participant = read('participant');
  const viewer = read('viewer');
  return participant && viewer ? { participant, viewer } : null;
}

/** Writes the share tokens (only what differs, in one transaction). */
export function writeShareTokens(doc: Y.Doc, tokens: ShareTokens, origin: DocOrigin = LOCAL_ORIGIN): void {
  const links = rootMap(doc, LINKS);
  if (!links) return;
  doc.transact(() => {
    for (const role of LINK_ROLES) if (links.get(role) !== tokens[role]) links.set(role, tokens[role]);
  }, origin);
}

/** Calls `onChange` after every transaction that changed the links. Returns the function that stops. */
export function observeShareTokens(doc: Y.Doc, onChange: () => void): () => void {
  const links = rootMap(doc, LINKS);
  if (!links) return () => undefined;
  const listener = (): void => onChange();
  links.observe(listener);
  return () => links.unobserve(listener);
}
