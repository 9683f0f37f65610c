// Ownership and sealed drafts survive `kill -9` of the instance that took them (two relay processes over
// PostgreSQL and Redis): participant A's idea and sealed draft, acknowledged by instance one, which is then
// killed; instance two, which never held the room, reads the bindings and the draft from PostgreSQL: B may
// neither delete nor overwrite A's idea, the facilitator's reveal on two merges A's draft, B may not touch
// that either, and A (a new session, the same participant key) may edit both.

import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { useCleanups } from '../helpers/cleanups';
import { changeOf, newParticipantKey, rawWrite, relayCopy, sessionToken } from '../helpers/ownership';
import { connectClient, makeTempDir, waitFor } from '../helpers/relay';
import { startChildRelay, type ChildRelay } from '../helpers/relay-child';
import {
  REDIS_URL,
  scaleOutEnabled,
  scaleOutTitle,
  sharedDatabase,
  type SharedDatabase
} from '../helpers/scale-out';

const defer = useCleanups();
const SCOPE = 't-tisch1';
const ideas = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('ideas');
const addIdea = (id: string, text: string) => (doc: Y.Doc) => {
  const idea = new Y.Map<unknown>();
  ideas(doc).set(id, idea);
  idea.set('text', text);
};
const textOf = (doc: Y.Doc, id: string) => ideas(doc).get(id)?.get('text');

async function instance(db: SharedDatabase, secret: string): Promise<ChildRelay> {
  const dataDir = makeTempDir('slt-scale-');
  defer(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const child = await startChildRelay({
    dataDir,
    env: { DATABASE_URL: db.databaseUrl, REDIS_URL, TOKEN_SECRET: secret }
  });
  defer(() => child.stop('SIGKILL'));
  return child;
}

describe.skipIf(!scaleOutEnabled)(scaleOutTitle('ownership and sealed drafts after kill -9'), () => {
  it('bindings and drafts acknowledged by a killed instance hold on the other', async () => {
    const db = await sharedDatabase('ownkill');
    defer(() => db.drop());
    const secret = Buffer.alloc(32, 9).toString('base64url');
    const one = await instance(db, secret);
    const two = await instance(db, secret);
    const { roomId, tokens } = db.room;
    const sealedDoc = `${roomId}/sealed/${SCOPE}`;
    const keyA = newParticipantKey();
    const keyB = newParticipantKey();

    // On instance one: the facilitator seals the table, A writes an open idea and a sealed draft (each acked).
    const control = connectClient(one.wsUrl, roomId, tokens.facilitator, { control: true, ack: true });
    defer(() => control.destroy());
    await control.whenSynced();
    control.doc.getMap('policy').set(`sealed:${SCOPE}`, true);
    await control.whenSaved();
    control.destroy();
    const a1 = await sessionToken(one.url, roomId, tokens.participant, keyA);
    const open = changeOf(await relayCopy(one.wsUrl, roomId, a1), addIdea('idea-a', 'Offen von A'));
    expect(await rawWrite(one.wsUrl, roomId, a1, open)).toEqual({ stored: true });
    const draft = changeOf(await relayCopy(one.wsUrl, sealedDoc, a1), addIdea('draft-a', 'Entwurf von A'));
    expect(await rawWrite(one.wsUrl, sealedDoc, a1, draft)).toEqual({ stored: true });

    expect(await one.stop('SIGKILL')).toBeNull();

    // On instance two (it never held the room): B may not delete or overwrite A's idea.
    const b = await sessionToken(two.url, roomId, tokens.participant, keyB);
    const seenByB = await relayCopy(two.wsUrl, roomId, b);
    expect(textOf(seenByB, 'idea-a')).toBe('Offen von A');
    expect(textOf(seenByB, 'draft-a')).toBeUndefined();
    const steal = changeOf(seenByB, (d) => ideas(d).delete('idea-a'));
    expect(await rawWrite(two.wsUrl, roomId, b, steal)).toEqual({ refused: 'not_owner' });
    const overwrite = changeOf(await relayCopy(two.wsUrl, roomId, b), addIdea('idea-a', 'Von B'));
    expect(await rawWrite(two.wsUrl, roomId, b, overwrite)).toEqual({ refused: 'not_owner' });

    // The reveal on two merges the draft one acknowledged before it died.
    const reveal = connectClient(two.wsUrl, roomId, tokens.facilitator, { control: true, ack: true });
    defer(() => reveal.destroy());
    await reveal.whenSynced();
    reveal.doc.getMap('policy').delete(`sealed:${SCOPE}`);
    await reveal.whenSaved();
    const watcher = connectClient(two.wsUrl, roomId, tokens.facilitator);
    defer(() => watcher.destroy());
    await waitFor(() => textOf(watcher.doc, 'draft-a') === 'Entwurf von A', {
      message: "A's draft never appeared after the reveal"
    });
    const shared = watcher.doc;
    expect(textOf(shared, 'idea-a')).toBe('Offen von A');
    const stealDraft = changeOf(await relayCopy(two.wsUrl, roomId, b), (d) => ideas(d).delete('draft-a'));
    expect(await rawWrite(two.wsUrl, roomId, b, stealDraft)).toEqual({ refused: 'not_owner' });

    // A, with a new session on two, edits both.
    const a2 = await sessionToken(two.url, roomId, tokens.participant, keyA);
    const edit = changeOf(await relayCopy(two.wsUrl, roomId, a2), (d) => {
      ideas(d).get('idea-a')?.set('text', 'Offen von A, ergänzt');
      ideas(d).get('draft-a')?.set('text', 'Entwurf von A, ergänzt');
    });
    expect(await rawWrite(two.wsUrl, roomId, a2, edit)).toEqual({ stored: true });
    const after = await relayCopy(two.wsUrl, roomId, tokens.facilitator);
    expect([textOf(after, 'idea-a'), textOf(after, 'draft-a')]).toEqual([
      'Offen von A, ergänzt',
      'Entwurf von A, ergänzt'
    ]);
  });
});
