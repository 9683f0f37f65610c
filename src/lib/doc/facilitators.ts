// The facilitators' document (`<roomId>/facilitators`): what only facilitators may read and write, enforced
// by the relay (it refuses everyone else at the upgrade). Today it holds the conference's share links, so
// every facilitator device (the projector laptop too) shows the join QR code, not only the device that
// created the conference. Contact details given with consent (`contacts`) are appended by participants
// through the relay (POST …/facilitators/append, `contactEntryUpdate`): they never read this document.
// Moderation notes live in root `notes` (lib/doc/moderation-notes.ts).
//
// | root (Y.Map) | key                     | value                                                              |
// | ------------ | ----------------------- | ------------------------------------------------------------------ |
// | `links`      | `participant`, `viewer` | the capability token of that link (`p_…`)                          |
// | `links`      | `joinCode`              | the room's join code for the projector (model/join-code.ts)        |
// | `links`      | `joinCodeFor`           | the participant token the relay holds sealed with that code        |
// | `contacts`   | `<random id>`           | Y.Map `{ initiativeId, name, contact: string, createdAt: number }` |

import * as Y from 'yjs';
import {
  cleanText,
  err,
  ok,
  randomBase64url,
  roleOfToken,
  validateText,
  type InitiativeId,
  type Result,
  type RoomId
} from '../model';
import { LOCAL_ORIGIN, type DocOrigin } from './origin';
import { MODERATION_NOTES } from './moderation-notes';
import { rootMap } from './schema';

export const facilitatorsGuid = (roomId: RoomId): string => `${roomId}/facilitators`;

const LINKS = 'links';
/** Name as in model/policy.ts FACILITATORS_APPEND_ROOTS (the relay lets participants append there). */
export const CONTACTS = 'contacts';
export const CONTACT_LIMITS = Object.freeze({ name: 60, contact: 200 });
const LINK_ROLES = ['participant', 'viewer'] as const;

export type LinkRole = (typeof LINK_ROLES)[number];

/** The share tokens there are (a role can be missing: never written, or its link revoked). */
export type ShareTokens = Partial<Record<LinkRole, string>>;

export function createFacilitatorsDoc(roomId: RoomId): Y.Doc {
  const doc = new Y.Doc({ guid: facilitatorsGuid(roomId) });
  rootMap(doc, LINKS);
  rootMap(doc, CONTACTS);
  rootMap(doc, MODERATION_NOTES);
  return doc;
}

/** Contact details a participant gave with consent, for an initiative (facilitators read them). */
export interface ContactRequest {
  id: string;
  initiativeId: InitiativeId;
  name: string;
  contact: string;
  createdAt: number;
}

export type ContactInput = Pick<ContactRequest, 'initiativeId' | 'name' | 'contact'>;

/**
 * The update that appends one contact entry, made on a fresh document (a fresh client id, as the relay's
 * append check wants): the participant sends these bytes and never holds the facilitators document.
 */
export function contactEntryUpdate(
  input: ContactInput,
  now = Date.now()
): Result<Uint8Array, 'empty' | 'tooLong'> {
  const contact = validateText(input.contact, {
    max: CONTACT_LIMITS.contact,
    required: true,
    singleLine: true
  });
  if (!contact.ok) return err(contact.error);
  const name = validateText(input.name, { max: CONTACT_LIMITS.name, singleLine: true });
  if (!name.ok) return err(name.error);
  const doc = new Y.Doc();
  try {
    doc.transact(() => {
      const entry = new Y.Map<unknown>();
      doc.getMap(CONTACTS).set(randomBase64url(16), entry);
      entry.set('initiativeId', input.initiativeId);
      entry.set('name', name.value);
      entry.set('contact', contact.value);
      entry.set('createdAt', now);
    });
    return ok(Y.encodeStateAsUpdate(doc));
  } finally {
    doc.destroy();
  }
}

/** Every contact entry (of one initiative when given), oldest first; malformed entries are skipped. */
export function readContacts(doc: Y.Doc, initiativeId?: InitiativeId): ContactRequest[] {
  const out: ContactRequest[] = [];
  for (const [id, value] of rootMap(doc, CONTACTS)?.entries() ?? []) {
    if (!(value instanceof Y.Map)) continue;
    const ini = value.get('initiativeId');
    const contact = cleanText(value.get('contact'), CONTACT_LIMITS.contact, { singleLine: true });
    if (typeof ini !== 'string' || contact === '' || (initiativeId && ini !== initiativeId)) continue;
    const createdAt = value.get('createdAt');
    out.push({
      id,
      initiativeId: ini as InitiativeId,
      name: cleanText(value.get('name'), CONTACT_LIMITS.name, { singleLine: true }),
      contact,
      createdAt: typeof createdAt === 'number' && Number.isFinite(createdAt) ? createdAt : 0
    });
  }
  return out.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
}

/** Calls `onChange` after every transaction that touched the contacts. Returns the function that stops. */
export function observeContacts(doc: Y.Doc, onChange: () => void): () => void {
  const contacts = rootMap(doc, CONTACTS);
  if (!contacts) return () => undefined;
  const listener = (): void => onChange();
  contacts.observeDeep(listener);
  return () => contacts.unobserveDeep(listener);
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

const JOIN_CODE = 'joinCode';
const JOIN_CODE_FOR = 'joinCodeFor';

/** The room's join code (normalised) as facilitators last made it, or null. */
export function readJoinCode(doc: Y.Doc): string | null {
  const value = rootMap(doc, LINKS)?.get(JOIN_CODE);
  return typeof value === 'string' && /^[A-Z0-9]{8}$/.test(value) ? value : null;
}

/** The participant token the relay holds sealed with the join code (null: none or unknown). */
export function readJoinCodeFor(doc: Y.Doc): string | null {
  const value = rootMap(doc, LINKS)?.get(JOIN_CODE_FOR);
  return typeof value === 'string' && roleOfToken(value) === 'participant' ? value : null;
}

/** Sets the join code and the token sealed with it, or with null removes both. */
export function writeJoinCode(
  doc: Y.Doc,
  code: { code: string; token: string } | null,
  origin: DocOrigin = LOCAL_ORIGIN
): void {
  const links = rootMap(doc, LINKS);
  if (!links) return;
  doc.transact(() => {
    if (code === null) {
      links.delete(JOIN_CODE);
      links.delete(JOIN_CODE_FOR);
    } else {
      if (links.get(JOIN_CODE) !== code.code) links.set(JOIN_CODE, code.code);
      if (links.get(JOIN_CODE_FOR) !== code.token) links.set(JOIN_CODE_FOR, code.token);
    }
  }, origin);
}

/**
 * Calls `onChange(code)` whenever a transaction changed the join code or the participant link. Returns the
 * function that stops.
 */
export function observeJoinCode(doc: Y.Doc, onChange: (code: string | null) => void): () => void {
  const links = rootMap(doc, LINKS);
  if (!links) return () => undefined;
  const listener = (event: Y.YMapEvent<unknown>): void => {
    if (event.keysChanged.has(JOIN_CODE) || event.keysChanged.has('participant')) onChange(readJoinCode(doc));
  };
  links.observe(listener);
  return () => links.unobserve(listener);
}
