// Helpers for the ownership tests: session tokens with a participant key (identity.ts), replicas of a
// document taken from the relay, a raw write that reports whether the relay refused it (message 101)
// or stored it (the answer to the save request sent right after it), and the fuzzes' minimal idea board
// (root map `ideas`, one nested map per idea with its `text`).

import { randomBytes } from 'node:crypto';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { MESSAGE_REFUSED, MESSAGE_SAVE_REQUEST } from '../../sync-server/src/protocol';
import { connectClient, waitFor } from './relay';
import { openRaw, syncMessage } from './raw-peer';

export const newParticipantKey = (): string => randomBytes(18).toString('base64url');

/** A session token for `linkToken`, bound to `participantKey` when given. */
export async function sessionToken(
  url: string,
  roomId: string,
  linkToken: string,
  participantKey?: string
): Promise<string> {
  const request = () =>
    fetch(`${url}/api/rooms/${roomId}/session`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${linkToken}`, 'Content-Type': 'application/json' },
      body: participantKey ? JSON.stringify({ participantKey }) : ''
    });
  // Once more when a kept-alive socket to a relay that restarted on the same port was closed.
  const response = await request().catch(request);
  if (!response.ok) throw new Error(`session refused: ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}

/** The relay's current document, as a stock client receives it (disconnected after sync), writing as `clientID`. */
export async function relayCopy(wsUrl: string, docName: string, token: string, clientID?: number) {
  const doc = new Y.Doc();
  const client = connectClient(wsUrl, docName, token, { doc });
  try {
    await client.whenSynced();
  } finally {
    client.destroy();
  }
  // Set after the sync: awareness would make a connected stock client pick another id.
  if (clientID !== undefined) doc.clientID = clientID;
  return doc;
}

export type WriteOutcome = { refused: string } | { stored: true };

/** Sends `update` on a fresh raw socket (ack=1) and tells whether the relay refused or stored it. */
export async function rawWrite(
  wsUrl: string,
  docName: string,
  token: string,
  update: Uint8Array
): Promise<WriteOutcome> {
  const peer = openRaw(`${wsUrl}/${docName}?token=${encodeURIComponent(token)}&ack=1`);
  try {
    await peer.opened;
    peer.send(syncMessage(2, update));
    peer.send(Uint8Array.of(MESSAGE_SAVE_REQUEST));
    return await waitFor(
      () => {
        for (const { data } of peer.received) {
          const decoder = decoding.createDecoder(data);
          const type = decoding.readVarUint(decoder);
          if (type === MESSAGE_REFUSED) return { refused: decoding.readVarString(decoder) };
          if (type === MESSAGE_SAVE_REQUEST) return { stored: true as const };
        }
        return null;
      },
      { message: 'no answer to a raw write' }
    );
  } finally {
    peer.ws.terminate();
  }
}

/** The update a change to `doc` makes. */
export function changeOf(doc: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array {
  const updates: Uint8Array[] = [];
  const listen = (update: Uint8Array): void => void updates.push(update);
  doc.on('update', listen);
  try {
    doc.transact(() => change(doc));
  } finally {
    doc.off('update', listen);
  }
  if (updates.length === 0) throw new Error('the change changed nothing');
  return Y.mergeUpdates(updates);
}

/** The root map of ideas. */
export const ideas = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('ideas');

export function addIdea(doc: Y.Doc, id: string, text: string): void {
  const idea = new Y.Map<unknown>();
  ideas(doc).set(id, idea);
  idea.set('text', text);
}

/** Each idea's text by id, sorted (a removed or malformed entry as it is). */
export const textsOf = (doc: Y.Doc): Record<string, unknown> =>
  Object.fromEntries(
    [...ideas(doc).entries()]
      .sort(([x], [y]) => (x < y ? -1 : 1))
      .map(([id, m]) => [id, m instanceof Y.Map ? m.get('text') : m])
  );
