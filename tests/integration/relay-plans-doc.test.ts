// The action plans document `/sync/<roomId>/plans`: facilitators and participants write it together (no
// per-item ownership: a participant edits a plan someone else created), viewers only read, and the room
// lock closes it for participants like the shared document.

import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { POLICY_KEYS, POLICY_MAP } from '../../src/lib/model/policy';
import { MESSAGE_REFUSED } from '../../sync-server/src/protocol';
import { useCleanups } from '../helpers/cleanups';
import { connectClient, waitFor, type TestClient, type TestRelay } from '../helpers/relay';
import { relayStarter } from '../helpers/relay-starter';

const defer = useCleanups();
const relayFor = relayStarter(defer);

interface PlansClient extends TestClient {
  refusals: string[];
}

function plansClient(t: TestRelay, token: string): PlansClient {
  const c = connectClient(t.wsUrl, `${t.room.roomId}/plans`, token, { ack: true }) as PlansClient;
  c.refusals = [];
  c.provider.messageHandlers[MESSAGE_REFUSED] = (_e, decoder) => {
    c.refusals.push(decoding.readVarString(decoder));
  };
  defer(() => c.destroy());
  return c;
}

const plan = (c: TestClient, id: string) => c.doc.getMap('plans').get(id) as Y.Map<unknown> | undefined;

describe('the plans document', () => {
  it('takes participants’ edits of each other’s plans, refuses viewers, and respects the lock', async () => {
    const t = await relayFor();
    const { tokens } = t.room;
    const a = plansClient(t, tokens.participant);
    const b = plansClient(t, tokens.participant);
    const viewer = plansClient(t, tokens.viewer);
    await Promise.all([a.whenSynced(), b.whenSynced(), viewer.whenSynced()]);

    // A creates a plan; B (another participant) edits its title and adds a step: both accepted.
    a.doc.transact(() => {
      const p = new Y.Map<unknown>();
      a.doc.getMap('plans').set('p1', p);
      p.set('title', 'Repair-Café');
      p.set('steps', new Y.Map());
    });
    await a.whenSaved();
    await waitFor(() => plan(b, 'p1')?.get('title') === 'Repair-Café');
    b.doc.transact(() => {
      plan(b, 'p1')!.set('title', 'Repair-Café im Rathaus');
      const step = new Y.Map<unknown>();
      (plan(b, 'p1')!.get('steps') as Y.Map<unknown>).set('s1', step);
      step.set('text', 'Raum anfragen');
    });
    await b.whenSaved();
    await waitFor(() => plan(a, 'p1')?.get('title') === 'Repair-Café im Rathaus');
    expect(b.refusals).toEqual([]);

    // A viewer's write is dropped: nobody else sees it.
    viewer.doc.getMap('plans').set('v1', 'vom Publikum');
    const c = plansClient(t, tokens.participant);
    await c.whenSynced();
    expect(c.doc.getMap('plans').has('v1')).toBe(false);
    expect(plan(c, 'p1')?.get('title')).toBe('Repair-Café im Rathaus');

    // Locked: a participant's write is refused (101 locked); facilitators still write.
    const control = connectClient(t.wsUrl, t.room.roomId, tokens.facilitator, { control: true, ack: true });
    defer(() => control.destroy());
    await control.whenSynced();
    control.doc.getMap(POLICY_MAP).set(POLICY_KEYS.locked, true);
    await control.whenSaved();
    a.doc.getMap('plans').set('p2', 'nach dem Schließen');
    await waitFor(() => a.refusals.includes('locked'));
    const f = plansClient(t, tokens.facilitator);
    await f.whenSynced();
    expect(f.doc.getMap('plans').has('p2')).toBe(false);
    plan(f, 'p1')!.set('status', 'running');
    await f.whenSaved();
    await waitFor(() => plan(b, 'p1')?.get('status') === 'running');

    // Unlocked again: participants write.
    control.doc.getMap(POLICY_MAP).set(POLICY_KEYS.locked, false);
    await control.whenSaved();
    b.doc.getMap('plans').set('p3', new Y.Map());
    await b.whenSaved();
    await waitFor(() => f.doc.getMap('plans').has('p3'));
  });
});
