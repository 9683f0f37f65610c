// The room lock enforced by the relay: while the control document's policy says `locked`, a participant's
// writes to the shared document are dropped (not applied, broadcast or stored) and an ack=1 client gets
// message 101; facilitators always write; unlocking lets participants write again; a reconnect with nothing
// new is no write; viewers stay read-only; the lock survives a relay restart (the control doc is loaded
// with the shared doc).

import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { POLICY_KEYS, POLICY_MAP } from '../../src/lib/model/policy';
import { MESSAGE_REFUSED } from '../../sync-server/src/protocol';
import {
  connectClient,
  makeTempDir,
  readStoredDoc,
  startTestRelay,
  waitFor,
  type ClientOptions,
  type TestClient,
  type TestRelay
} from '../helpers/relay';
import { useCleanups } from '../helpers/cleanups';
import { relayStarter } from '../helpers/relay-starter';

const defer = useCleanups();

const relayFor = relayStarter(defer);

interface PolicyClient extends TestClient {
  refusals: string[];
}

function connect(t: TestRelay, token: string, options: ClientOptions = {}, roomId = t.room.roomId) {
  const c = connectClient(t.wsUrl, roomId, token, options) as PolicyClient;
  c.refusals = [];
  c.provider.messageHandlers[MESSAGE_REFUSED] = (_encoder, decoder) => {
    c.refusals.push(decoding.readVarString(decoder));
  };
  defer(() => c.destroy());
  return c;
}

/** Sets the lock from a facilitator's control client and waits until the relay stored it. */
async function setLock(control: TestClient, locked: boolean): Promise<void> {
  control.doc.getMap(POLICY_MAP).set(POLICY_KEYS.locked, locked);
  await control.whenSaved();
}

const ideas = (c: TestClient) => c.doc.getMap('ideas');
const storedIdeas = async (t: TestRelay) => {
  await t.relay.flush();
  return readStoredDoc(t.dataDir, t.room.roomId).getMap('ideas');
};
const dropped = (t: TestRelay) =>
  t.relay.metrics.registry.getSingleMetricAsString('relay_dropped_writes_total');

describe('room lock at the relay', () => {
  it('drops a participant’s write while locked, answers 101, lets facilitators write, and unlocks', async () => {
    const t = await relayFor();
    const { tokens } = t.room;
    // The participant is connected before the control doc is ever opened by anyone else.
    const participant = connect(t, tokens.participant, { ack: true });
    const other = connect(t, tokens.participant, { ack: true });
    await Promise.all([participant.whenSynced(), other.whenSynced()]);
    const control = connect(t, tokens.facilitator, { control: true, ack: true });
    const facilitator = connect(t, tokens.facilitator, { ack: true });
    await Promise.all([control.whenSynced(), facilitator.whenSynced()]);

    ideas(participant).set('before', 'vor dem Schließen');
    await participant.whenSaved();
    await setLock(control, true);

    ideas(participant).set('late', 'zu spät');
    await waitFor(() => participant.refusals.length > 0, { message: 'no 101 for the participant' });
    expect(participant.refusals[0]).toBe('locked');

    ideas(facilitator).set('moderation', 'Moderation schreibt weiter');
    await facilitator.whenSaved();
    await waitFor(() => ideas(other).get('moderation') === 'Moderation schreibt weiter');
    await waitFor(() => ideas(participant).get('moderation') === 'Moderation schreibt weiter');
    expect(ideas(other).has('late')).toBe(false);
    expect(ideas(facilitator).has('late')).toBe(false);
    expect(other.refusals).toEqual([]);
    expect(facilitator.refusals).toEqual([]);
    let stored = await storedIdeas(t);
    expect(stored.get('before')).toBe('vor dem Schließen');
    expect(stored.get('moderation')).toBe('Moderation schreibt weiter');
    expect(stored.has('late')).toBe(false);
    expect(await dropped(t)).toMatch(/reason="participant_locked"} [1-9]/);

    await setLock(control, false);
    const fresh = connect(t, tokens.participant, { ack: true });
    await fresh.whenSynced();
    ideas(fresh).set('after', 'nach dem Öffnen');
    await fresh.whenSaved();
    await waitFor(() => ideas(facilitator).get('after') === 'nach dem Öffnen');
    stored = await storedIdeas(t);
    expect(stored.get('after')).toBe('nach dem Öffnen');
    expect(stored.has('late')).toBe(false);
    expect(fresh.refusals).toEqual([]);
  });

  it('sends 101 only to clients that asked for acknowledgements', async () => {
    const t = await relayFor();
    const control = connect(t, t.room.tokens.facilitator, { control: true, ack: true });
    const plain = connect(t, t.room.tokens.participant);
    const observer = connect(t, t.room.tokens.facilitator);
    await Promise.all([control.whenSynced(), plain.whenSynced(), observer.whenSynced()]);
    await setLock(control, true);

    ideas(plain).set('stock-client', 'x');
    // Messages of one socket are handled in order: once its awareness arrives, the update was handled.
    plain.provider.awareness.setLocalStateField('marker', 1);
    await waitFor(() => observer.provider.awareness.getStates().get(plain.doc.clientID)?.marker === 1);
    expect(plain.refusals).toEqual([]);
    expect(ideas(observer).has('stock-client')).toBe(false);
    expect((await storedIdeas(t)).has('stock-client')).toBe(false);
    expect(await dropped(t)).toMatch(/reason="participant_locked"} 1/);
  });

  it('does not refuse a participant who reconnects with nothing new, deletions included', async () => {
    const t = await relayFor();
    const control = connect(t, t.room.tokens.facilitator, { control: true, ack: true });
    const doc = new Y.Doc();
    const first = connect(t, t.room.tokens.participant, { ack: true, doc });
    await Promise.all([control.whenSynced(), first.whenSynced()]);
    ideas(first).set('a', 'eins');
    ideas(first).set('b', 'zwei');
    ideas(first).delete('a');
    await first.whenSaved();
    first.destroy();
    await setLock(control, true);

    // Same document (same client id, same delete set) on a new socket: its sync step 2 repeats only what
    // the relay has.
    const again = connect(t, t.room.tokens.participant, { ack: true, doc });
    await again.whenSynced();
    await again.whenSaved();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(again.refusals).toEqual([]);

    // A new deletion is a write, though: refused.
    ideas(again).delete('b');
    await waitFor(() => again.refusals.length === 1, { message: 'deletion while locked not refused' });
    expect((await storedIdeas(t)).get('b')).toBe('zwei');
  });

  it('keeps a viewer read-only whether or not the room is locked', async () => {
    const t = await relayFor();
    const control = connect(t, t.room.tokens.facilitator, { control: true, ack: true });
    const viewer = connect(t, t.room.tokens.viewer, { ack: true });
    const observer = connect(t, t.room.tokens.facilitator);
    await Promise.all([control.whenSynced(), viewer.whenSynced(), observer.whenSynced()]);

    for (const locked of [false, true]) {
      await setLock(control, locked);
      ideas(viewer).set(`viewer-${locked}`, 'darf nicht');
      viewer.provider.awareness.setLocalStateField('marker', String(locked));
      await waitFor(
        () => observer.provider.awareness.getStates().get(viewer.doc.clientID)?.marker === String(locked)
      );
      expect(ideas(observer).has(`viewer-${locked}`)).toBe(false);
    }
    // The viewer's writes are dropped by role, not by the lock: no 101, counted as viewer_shared.
    expect(viewer.refusals).toEqual([]);
    expect(await dropped(t)).toMatch(/reason="viewer_shared"} [1-9]/);
    expect(await dropped(t)).not.toMatch(/participant_locked/);

    // A participant cannot lock: its write to the control doc is dropped.
    const participantControl = connect(t, t.room.tokens.participant, { control: true, ack: true });
    await participantControl.whenSynced();
    await setLock(control, false);
    participantControl.doc.getMap(POLICY_MAP).set(POLICY_KEYS.locked, true);
    const writer = connect(t, t.room.tokens.participant, { ack: true });
    await writer.whenSynced();
    ideas(writer).set('still-open', 'ja');
    await writer.whenSaved();
    expect(writer.refusals).toEqual([]);
  });

  it('knows the lock after a restart, before any control client connects', async () => {
    const dataDir = makeTempDir();
    defer(() => import('node:fs').then((fs) => fs.rmSync(dataDir, { recursive: true, force: true })));
    const first = await startTestRelay({ dataDir });
    const control = connectClient(first.wsUrl, first.room.roomId, first.room.tokens.facilitator, {
      control: true,
      ack: true
    });
    await control.whenSynced();
    await setLock(control, true);
    control.destroy();
    await first.close();

    const second = await startTestRelay({ dataDir });
    defer(() => second.close());
    const participant = connect(second, first.room.tokens.participant, { ack: true }, first.room.roomId);
    await participant.whenSynced();
    ideas(participant).set('after-restart', 'x');
    await waitFor(() => participant.refusals.length === 1, { message: 'lock not known after restart' });
    await second.relay.flush();
    expect(readStoredDoc(dataDir, first.room.roomId).getMap('ideas').has('after-restart')).toBe(false);
  });
});
