// Ownership enforced by the relay (guard.ts, owners.ts, identity.ts): a participant's session may delete,
// overwrite and write into only what its own client ids created; another participant's attempts are refused
// with message 101 (`not_owner`, `client_conflict` for a client id bound to someone else), leave the relay's
// document unchanged and never reach the honest client. Facilitators moderate freely. The participant id
// comes from the device's key, so it holds across sessions (reload, renewal) and no other key claims it.

import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { decodeJwt } from 'jose';
import { useCleanups } from '../helpers/cleanups';
import { connectClient, waitFor } from '../helpers/relay';
import { relayStarter } from '../helpers/relay-starter';
import { changeOf, newParticipantKey, rawWrite, relayCopy, sessionToken } from '../helpers/ownership';

const defer = useCleanups();
const relayFor = relayStarter(defer);

const ideas = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('ideas');

function addIdea(doc: Y.Doc, id: string, text: string): void {
  const idea = new Y.Map<unknown>();
  ideas(doc).set(id, idea);
  idea.set('text', text);
  idea.set('author', 'x');
}

async function setup() {
  const t = await relayFor();
  const { roomId, tokens } = t.room;
  const keyA = newParticipantKey();
  const keyB = newParticipantKey();
  const a = await sessionToken(t.url, roomId, tokens.participant, keyA);
  const b = await sessionToken(t.url, roomId, tokens.participant, keyB);
  const f = await sessionToken(t.url, roomId, tokens.facilitator);
  // The honest participant A writes an idea through a stock client and stays connected.
  const honest = connectClient(t.wsUrl, roomId, a, { ack: true });
  defer(() => honest.destroy());
  await honest.whenSynced();
  addIdea(honest.doc, 'idea-a', 'Mehr Bäume');
  await honest.whenSaved();
  const relayJson = async () => (await relayCopy(t.wsUrl, roomId, f)).getMap('ideas').toJSON();
  return { t, roomId, tokens, keyA, keyB, a, b, f, honest, relayJson };
}

describe('participant identity', () => {
  it('binds the participant id derived from the key into the session token, the same on renewal', async () => {
    const t = await relayFor();
    const { roomId, tokens } = t.room;
    const key = newParticipantKey();
    const first = decodeJwt(await sessionToken(t.url, roomId, tokens.participant, key));
    const second = decodeJwt(await sessionToken(t.url, roomId, tokens.participant, key));
    const other = decodeJwt(await sessionToken(t.url, roomId, tokens.participant, newParticipantKey()));
    expect(first.pid).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(second.pid).toBe(first.pid);
    expect(other.pid).not.toBe(first.pid);
    // The key itself never appears in the token.
    expect(JSON.stringify(first)).not.toContain(key);
    const bad = await fetch(`${t.url}/api/rooms/${roomId}/session`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${tokens.participant}` },
      body: JSON.stringify({ participantKey: 'short' })
    });
    expect(bad.status).toBe(400);
  });
});

describe('ownership of the shared document', () => {
  it("refuses deleting, overwriting and writing into another participant's idea", async () => {
    const { t, roomId, b, honest, relayJson } = await setup();
    const before = await relayJson();
    const attempts: Array<[string, (doc: Y.Doc) => void]> = [
      ['delete', (doc) => ideas(doc).delete('idea-a')],
      ['overwrite', (doc) => ideas(doc).set('idea-a', new Y.Map())],
      ['overwrite with a value', (doc) => (ideas(doc) as Y.Map<unknown>).set('idea-a', 'weg')],
      ['edit a property', (doc) => ideas(doc).get('idea-a')?.set('text', 'Keine Bäume')],
      ['add a property', (doc) => ideas(doc).get('idea-a')?.set('hidden', true)],
      ['delete a property', (doc) => ideas(doc).get('idea-a')?.delete('author')]
    ];
    for (const [name, change] of attempts) {
      const replica = await relayCopy(t.wsUrl, roomId, b);
      const outcome = await rawWrite(t.wsUrl, roomId, b, changeOf(replica, change));
      expect(outcome, name).toEqual({ refused: 'not_owner' });
      expect(await relayJson(), name).toEqual(before);
    }
    // A write with A's client id (a collision or a forgery) is refused too.
    const forged = await relayCopy(t.wsUrl, roomId, b, honest.doc.clientID);
    const outcome = await rawWrite(
      t.wsUrl,
      roomId,
      b,
      changeOf(forged, (doc) => addIdea(doc, 'f', 'x'))
    );
    expect(outcome).toEqual({ refused: 'client_conflict' });
    expect(await relayJson()).toEqual(before);
    // The honest client never heard of any of it.
    expect(ideas(honest.doc).toJSON()).toEqual(before);
    expect(honest.provider.wsconnected).toBe(true);
  });

  it('accepts own ideas, own edits and own deletions, across sessions of the same key', async () => {
    const { t, roomId, tokens, keyB, b, relayJson } = await setup();
    const replica = await relayCopy(t.wsUrl, roomId, b);
    expect(
      await rawWrite(
        t.wsUrl,
        roomId,
        b,
        changeOf(replica, (d) => addIdea(d, 'idea-b', 'Bänke'))
      )
    ).toEqual({
      stored: true
    });
    expect(
      await rawWrite(
        t.wsUrl,
        roomId,
        b,
        changeOf(replica, (d) => ideas(d).get('idea-b')?.set('text', 'Mehr Bänke'))
      )
    ).toEqual({ stored: true });
    expect((await relayJson())['idea-b']).toMatchObject({ text: 'Mehr Bänke' });
    // After a reload: a new session (renewal) and a new Yjs client id, same key: still B's idea.
    const renewed = await sessionToken(t.url, roomId, tokens.participant, keyB);
    const reloaded = await relayCopy(t.wsUrl, roomId, renewed);
    expect(reloaded.clientID).not.toBe(replica.clientID);
    const edit = changeOf(reloaded, (d) => ideas(d).get('idea-b')?.set('text', 'Bänke am Fluss'));
    expect(await rawWrite(t.wsUrl, roomId, renewed, edit)).toEqual({ stored: true });
    // Another device (another key) cannot claim B's idea.
    const other = await sessionToken(t.url, roomId, tokens.participant, newParticipantKey());
    const stranger = await relayCopy(t.wsUrl, roomId, other);
    const steal = changeOf(stranger, (d) => ideas(d).delete('idea-b'));
    expect(await rawWrite(t.wsUrl, roomId, other, steal)).toEqual({ refused: 'not_owner' });
    // B deletes its own idea.
    const gone = changeOf(reloaded, (d) => ideas(d).delete('idea-b'));
    expect(await rawWrite(t.wsUrl, roomId, renewed, gone)).toEqual({ stored: true });
    expect(await relayJson()).not.toHaveProperty('idea-b');
  });

  it("accepts a facilitator's moderation of a participant's idea", async () => {
    const { t, roomId, f, honest, relayJson } = await setup();
    const replica = await relayCopy(t.wsUrl, roomId, f);
    const hide = changeOf(replica, (d) => ideas(d).get('idea-a')?.set('text', '(entfernt)'));
    expect(await rawWrite(t.wsUrl, roomId, f, hide)).toEqual({ stored: true });
    const remove = changeOf(replica, (d) => ideas(d).delete('idea-a'));
    expect(await rawWrite(t.wsUrl, roomId, f, remove)).toEqual({ stored: true });
    expect(await relayJson()).toEqual({});
    await waitFor(() => !ideas(honest.doc).has('idea-a'), { message: 'moderation never reached A' });
    // Nobody but A takes the removed idea's key over.
    const b = await sessionToken(t.url, roomId, t.room.tokens.participant, newParticipantKey());
    const taker = await relayCopy(t.wsUrl, roomId, b);
    const takeOver = changeOf(taker, (d) => addIdea(d, 'idea-a', 'Übernommen'));
    expect(await rawWrite(t.wsUrl, roomId, b, takeOver)).toEqual({ refused: 'not_owner' });
  });

  it('lets a reconnecting client send its whole delete set, which names others\u2019 deleted items', async () => {
    const { t, roomId, b, f, relayJson } = await setup();
    // B holds A's idea; the facilitator removes it; B's next sync step 2 carries that deletion too.
    const replica = await relayCopy(t.wsUrl, roomId, b);
    const mod = await relayCopy(t.wsUrl, roomId, f);
    expect(
      await rawWrite(
        t.wsUrl,
        roomId,
        f,
        changeOf(mod, (d) => ideas(d).delete('idea-a'))
      )
    ).toEqual({
      stored: true
    });
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(mod));
    addIdea(replica, 'idea-b', 'Eigene Idee');
    expect(await rawWrite(t.wsUrl, roomId, b, Y.encodeStateAsUpdate(replica))).toEqual({ stored: true });
    expect(Object.keys(await relayJson())).toEqual(['idea-b']);
  });
});
