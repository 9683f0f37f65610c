// Sealed drafts across two relay instances sharing PostgreSQL and Redis: drafts written on either instance
// are counted on both, a reveal written on one instance merges exactly once (only the instance that applied
// the facilitator's write merges), peers of both instances receive the merged ideas, the other instance
// refuses later sealed writes (`revealed`), and ownership holds on both.

import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createLogger } from '../../sync-server/src/log';
import { useCleanups } from '../helpers/cleanups';
import { changeOf, newParticipantKey, rawWrite, relayCopy, sessionToken } from '../helpers/ownership';
import { openRaw, syncMessage, type RawPeer } from '../helpers/raw-peer';
import { connectClient, startTestRelay, waitFor, type TestRelay } from '../helpers/relay';
import { REDIS_URL, scaleOutEnabled, scaleOutTitle, sharedDatabase } from '../helpers/scale-out';

const defer = useCleanups();
const SCOPE = 'v-vote1';

const ideas = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('ideas');
const addIdea = (id: string, text: string) => (doc: Y.Doc) => {
  const idea = new Y.Map<unknown>();
  ideas(doc).set(id, idea);
  idea.set('text', text);
};

describe('sealed drafts over two instances', () => {
  it.skipIf(!scaleOutEnabled)(
    scaleOutTitle('are counted on both, revealed once, and refused afterwards on the other instance'),
    async () => {
      const db = await sharedDatabase('sealed2');
      defer(() => db.drop());
      const tokenSecret = new Uint8Array(32).map((_, i) => i + 3);
      const reveals: string[] = [];
      const start = async (name: string): Promise<TestRelay> => {
        const sink = new Writable({
          write(chunk: Buffer, _encoding, done) {
            for (const line of chunk.toString('utf8').split('\n')) {
              if (line.includes('sealed scope revealed')) reveals.push(name);
            }
            done();
          }
        });
        const t = await startTestRelay({
          config: { databaseUrl: db.databaseUrl, redisUrl: REDIS_URL, tokenSecret },
          logger: createLogger('info', sink)
        });
        defer(() => t.close());
        return t;
      };
      const one = await start('one');
      const two = await start('two');
      const { roomId, tokens } = db.room;
      const sealedDoc = `${roomId}/sealed/${SCOPE}`;
      const session = (t: TestRelay, key: string) => sessionToken(t.url, roomId, tokens.participant, key);
      const watch = async (t: TestRelay, token: string): Promise<RawPeer> => {
        const peer = openRaw(`${t.wsUrl}/${roomId}?token=${encodeURIComponent(token)}`);
        defer(() => peer.ws.terminate());
        await peer.opened;
        peer.send(syncMessage(0, Y.encodeStateVector(new Y.Doc())));
        return peer;
      };
      const got = (peer: RawPeer, text: string) =>
        peer.received.some(({ data }) => Buffer.from(data).includes(Buffer.from(text)));

      const control = connectClient(one.wsUrl, roomId, tokens.facilitator, { control: true, ack: true });
      defer(() => control.destroy());
      await control.whenSynced();
      control.doc.getMap('policy').set(`sealed:${SCOPE}`, true);
      await control.whenSaved();

      const keyA = newParticipantKey();
      const keyB = newParticipantKey();
      const watchOne = await watch(one, await session(one, keyB));
      const watchTwo = await watch(two, await session(two, keyB));
      const sA = await session(one, keyA);
      const a = connectClient(one.wsUrl, sealedDoc, sA, { ack: true });
      defer(() => a.destroy());
      await a.whenSynced();
      addIdea('idea-a', 'GEHEIM-A')(a.doc);
      await a.whenSaved();
      const sB = await session(two, keyB);
      const copyB = await relayCopy(two.wsUrl, sealedDoc, sB);
      expect(
        await rawWrite(two.wsUrl, sealedDoc, sB, changeOf(copyB, addIdea('idea-b', 'GEHEIM-B')))
      ).toEqual({
        stored: true
      });

      for (const t of [one, two]) {
        const response = await fetch(`${t.url}/api/rooms/${roomId}/sealed/${SCOPE}`, {
          headers: { Authorization: `Bearer ${tokens.facilitator}` }
        });
        expect(await response.json()).toEqual({ participants: 2 });
      }
      expect(got(watchOne, 'GEHEIM-A') || got(watchTwo, 'GEHEIM-A')).toBe(false);

      // The reveal is written on instance two; peers of both get both drafts.
      const revealer = connectClient(two.wsUrl, roomId, tokens.facilitator, { control: true, ack: true });
      defer(() => revealer.destroy());
      await revealer.whenSynced();
      revealer.doc.getMap('policy').delete(`sealed:${SCOPE}`);
      await waitFor(() => [watchOne, watchTwo].every((w) => got(w, 'GEHEIM-A') && got(w, 'GEHEIM-B')), {
        message: 'the reveal did not reach the peers of both instances'
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(reveals).toEqual(['two']);

      // Instance one knows the reveal: a new sealed write there is refused.
      const late = await relayCopy(one.wsUrl, sealedDoc, sA);
      expect(await rawWrite(one.wsUrl, sealedDoc, sA, changeOf(late, addIdea('idea-late', 'Spät')))).toEqual({
        refused: 'revealed'
      });
      // Ownership on both instances: B cannot delete A's revealed idea; A can edit it.
      for (const t of [one, two]) {
        const b = await session(t, keyB);
        const copy = await relayCopy(t.wsUrl, roomId, b);
        expect(ideas(copy).has('idea-a')).toBe(true);
        expect(
          await rawWrite(
            t.wsUrl,
            roomId,
            b,
            changeOf(copy, (d) => ideas(d).delete('idea-a'))
          )
        ).toEqual({
          refused: 'not_owner'
        });
      }
      const a2 = await session(one, keyA);
      const own = await relayCopy(one.wsUrl, roomId, a2);
      expect(
        await rawWrite(
          one.wsUrl,
          roomId,
          a2,
          changeOf(own, (d) => ideas(d).get('idea-a')?.set('text', 'Offen'))
        )
      ).toEqual({ stored: true });
    }
  );
});
