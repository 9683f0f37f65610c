// Sealed drafts (sync-server/src/sealed.ts): a participant's drafts of a sealed scope reach the relay and
// are stored, but no other socket (checked on the bytes each socket received), facilitators get a count,
// the sealed documents survive a restart, and the reveal merges them all into the shared document with
// their ownership intact; afterwards writes to a sealed document are refused (`revealed`). A crafted draft
// that deletes someone else's idea is left out of the merge. The same over PostgreSQL when DATABASE_URL is set.

import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { useCleanups } from '../helpers/cleanups';
import { changeOf, newParticipantKey, rawWrite, relayCopy, sessionToken } from '../helpers/ownership';
import { dropPgSchema, pgTestSchema, urlWithSchema } from '../helpers/pg';
import { openRaw, syncMessage, type RawPeer } from '../helpers/raw-peer';
import {
  connectClient,
  makeTempDir,
  startTestRelay,
  upgradeStatus,
  waitFor,
  type TestRelay,
  type TestRoom
} from '../helpers/relay';
import type { RelayConfig } from '../../sync-server/src/config';

const defer = useCleanups();
const DATABASE_URL = process.env.DATABASE_URL ?? '';
const SCOPE = 't-table1';

const ideas = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('ideas');
const addIdea = (id: string, text: string) => (doc: Y.Doc) => {
  const idea = new Y.Map<unknown>();
  ideas(doc).set(id, idea);
  idea.set('text', text);
};
const bytesOf = (text: string) => Buffer.from(text, 'utf8');

/** A raw socket that asked for the whole document and records every frame it gets. */
async function watch(t: TestRelay, docName: string, token: string): Promise<RawPeer> {
  const peer = openRaw(`${t.wsUrl}/${docName}?token=${encodeURIComponent(token)}`);
  defer(() => peer.ws.terminate());
  await peer.opened;
  peer.send(syncMessage(0, Y.encodeStateVector(new Y.Doc())));
  return peer;
}
const received = (peer: RawPeer, text: string): boolean =>
  peer.received.some(({ data }) => Buffer.from(data).includes(bytesOf(text)));

async function sealedCount(t: TestRelay, roomId: string, token: string): Promise<Response> {
  return fetch(`${t.url}/api/rooms/${roomId}/sealed/${SCOPE}`, {
    headers: { Authorization: `Bearer ${token}` }
  });
}

/** The facilitator sets (true) or removes (false) `sealed:<scope>` in the control document's policy. */
async function setSealed(t: TestRelay, room: TestRoom, sealed: boolean): Promise<void> {
  const control = connectClient(t.wsUrl, room.roomId, room.tokens.facilitator, { control: true, ack: true });
  try {
    await control.whenSynced();
    const policy = control.doc.getMap('policy');
    if (sealed) policy.set(`sealed:${SCOPE}`, true);
    else policy.delete(`sealed:${SCOPE}`);
    await waitFor(() => control.saved.length > 0 && (sealed ? true : !policy.has(`sealed:${SCOPE}`)));
    await new Promise((resolve) => setTimeout(resolve, 50));
  } finally {
    control.destroy();
  }
}

async function scenario(start: () => Promise<TestRelay>, restart: (t: TestRelay) => Promise<TestRelay>) {
  let t = await start();
  const room = t.room;
  const { roomId, tokens } = room;
  const keyA = newParticipantKey();
  const keyB = newParticipantKey();
  const keyC = newParticipantKey();
  const session = (key: string) => sessionToken(t.url, roomId, tokens.participant, key);
  const sealedDoc = `${roomId}/sealed/${SCOPE}`;
  await setSealed(t, room, true);

  // Who may connect: the participant with a key only.
  const url = (token: string) => `${t.wsUrl}/${sealedDoc}?token=${encodeURIComponent(token)}`;
  expect(await upgradeStatus(url(tokens.facilitator))).toBe(403);
  expect(await upgradeStatus(url(tokens.viewer))).toBe(403);
  expect(await upgradeStatus(url(tokens.participant))).toBe(403); // no participant id
  expect(await upgradeStatus(`${t.wsUrl}/${roomId}/sealed/bad.scope?token=${tokens.facilitator}`)).toBe(404);

  // B watches the shared document and its own sealed document; B has an idea in shared already.
  const sB = await session(keyB);
  const sharedB = await relayCopy(t.wsUrl, roomId, sB);
  expect(await rawWrite(t.wsUrl, roomId, sB, changeOf(sharedB, addIdea('idea-b0', 'Offen von B')))).toEqual({
    stored: true
  });
  const watchShared = await watch(t, roomId, sB);
  const watchSealedB = await watch(t, sealedDoc, sB);

  // A writes a sealed idea with a stock client.
  const sA = await session(keyA);
  const a = connectClient(t.wsUrl, sealedDoc, sA, { ack: true });
  defer(() => a.destroy());
  await a.whenSynced();
  addIdea('idea-a', 'GEHEIM-A')(a.doc);
  await a.whenSaved();
  // B writes a sealed idea too (raw), C a crafted draft that also deletes B's open idea.
  const sealedCopyB = await relayCopy(t.wsUrl, sealedDoc, sB);
  expect(
    await rawWrite(t.wsUrl, sealedDoc, sB, changeOf(sealedCopyB, addIdea('idea-b', 'GEHEIM-B')))
  ).toEqual({ stored: true });
  const sC = await session(keyC);
  // C's draft overwrites B's open idea (same key): stored in C's own document, left out at the reveal.
  const sealedCopyC = await relayCopy(t.wsUrl, sealedDoc, sC);
  const crafted = changeOf(sealedCopyC, (d) => {
    addIdea('idea-b0', 'GEHEIM-C')(d);
    addIdea('idea-c', 'GEHEIM-C')(d);
  });
  expect(await rawWrite(t.wsUrl, sealedDoc, sC, crafted)).toEqual({ stored: true });

  // Nothing of A's reached B (neither the shared nor B's sealed socket), nor the shared document.
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(received(watchShared, 'GEHEIM-A')).toBe(false);
  expect(received(watchSealedB, 'GEHEIM-A')).toBe(false);
  expect(received(watchSealedB, 'GEHEIM-B')).toBe(true); // B's own
  expect(ideas(await relayCopy(t.wsUrl, roomId, tokens.facilitator)).has('idea-a')).toBe(false);
  // A's own sealed document holds only A's (a new session of A sees it).
  expect(ideas(await relayCopy(t.wsUrl, sealedDoc, await session(keyA))).toJSON()).toEqual({
    'idea-a': { text: 'GEHEIM-A' }
  });

  // Facilitators see the count, participants do not.
  expect(await (await sealedCount(t, roomId, tokens.facilitator)).json()).toEqual({ participants: 3 });
  expect((await sealedCount(t, roomId, sA)).status).toBe(403);

  // A restart keeps the sealed documents.
  a.destroy();
  t = await restart(t);
  expect(await (await sealedCount(t, roomId, tokens.facilitator)).json()).toEqual({ participants: 3 });
  const sB2 = await session(keyB);
  const watchShared2 = await watch(t, roomId, sB2);

  // The reveal merges A's and B's drafts (not C's crafted one) into the shared document.
  await setSealed(t, room, false);
  await waitFor(() => received(watchShared2, 'GEHEIM-A') && received(watchShared2, 'GEHEIM-B'), {
    message: 'the reveal never reached B'
  });
  const shared = await relayCopy(t.wsUrl, roomId, tokens.facilitator);
  expect(Object.keys(ideas(shared).toJSON()).sort()).toEqual(['idea-a', 'idea-b', 'idea-b0']);
  expect(ideas(shared).get('idea-b0')?.get('text')).toBe('Offen von B');
  expect(received(watchShared2, 'GEHEIM-C')).toBe(false);

  // Ownership holds: B cannot delete A's revealed idea; A can.
  const stealCopy = await relayCopy(t.wsUrl, roomId, sB2);
  const steal = changeOf(stealCopy, (d) => ideas(d).delete('idea-a'));
  expect(await rawWrite(t.wsUrl, roomId, sB2, steal)).toEqual({ refused: 'not_owner' });
  const sA2 = await session(keyA);
  const ownCopy = await relayCopy(t.wsUrl, roomId, sA2);
  const own = changeOf(ownCopy, (d) => ideas(d).get('idea-a')?.set('text', 'Offen von A'));
  expect(await rawWrite(t.wsUrl, roomId, sA2, own)).toEqual({ stored: true });

  // After the reveal, new sealed writes are refused; a reconnect that brings nothing new is not.
  const lateCopy = await relayCopy(t.wsUrl, sealedDoc, sA2);
  expect(await rawWrite(t.wsUrl, sealedDoc, sA2, changeOf(lateCopy, addIdea('idea-late', 'Spät')))).toEqual({
    refused: 'revealed'
  });
  const again = Y.encodeStateAsUpdate(await relayCopy(t.wsUrl, sealedDoc, sA2));
  expect(await rawWrite(t.wsUrl, sealedDoc, sA2, again)).toEqual({ stored: true });
  return t;
}

describe('sealed drafts', () => {
  it('stay with their author until the reveal, then merge into shared with ownership (SQLite, restart)', async () => {
    const dataDir = makeTempDir();
    let current: TestRelay | null = null;
    defer(() => current?.close());
    await scenario(
      async () => (current = await startTestRelay({ dataDir })),
      async (t) => {
        await t.close();
        current = await startTestRelay({ dataDir });
        // The same room: registered in the same file.
        return { ...current, room: t.room };
      }
    );
  });

  it.skipIf(!DATABASE_URL)(
    DATABASE_URL ? 'the same over PostgreSQL' : 'the same over PostgreSQL (DATABASE_URL not set)',
    async () => {
      const schema = pgTestSchema('sealed');
      defer(() => dropPgSchema(DATABASE_URL, schema));
      const config: Partial<RelayConfig> = {
        databaseUrl: urlWithSchema(DATABASE_URL, schema),
        tokenSecret: new Uint8Array(32).map((_, i) => i + 7)
      };
      let current: TestRelay | null = null;
      defer(() => current?.close());
      await scenario(
        async () => (current = await startTestRelay({ config })),
        async (t) => {
          await t.close();
          const next = await startTestRelay({ config });
          current = next;
          return { ...next, room: t.room };
        }
      );
    }
  );
});
