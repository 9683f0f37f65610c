// Plan links (issue 12): a participant link with a scope (a plan id) writes that plan of the plans document
// only. Accepted inside the plan (stored and broadcast); refused with 101 `plan_only` on another plan, for a
// new plan and for removing a plan; dropped on the shared document; its session token keeps the scope; a
// revoked plan link is refused at the upgrade, and revoking "the participant link" leaves plan links alone;
// the room lock closes it like every participant.

import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { POLICY_KEYS, POLICY_MAP } from '../../src/lib/model/policy';
import { generateToken, hashToken } from '../../sync-server/src/auth';
import { MESSAGE_REFUSED } from '../../sync-server/src/protocol';
import { useCleanups } from '../helpers/cleanups';
import {
  connectClient,
  readStoredDoc,
  upgradeStatus,
  waitFor,
  type TestClient,
  type TestRelay
} from '../helpers/relay';
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

async function api(t: TestRelay, path: string, token: string, body?: unknown) {
  const response = await fetch(`${t.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      Authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' })
    },
    body: body === undefined ? undefined : JSON.stringify(body)
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

const plan = (c: TestClient, id: string) => c.doc.getMap('plans').get(id) as Y.Map<unknown> | undefined;
const steps = (c: TestClient, id: string) => plan(c, id)!.get('steps') as Y.Map<unknown>;

/** A fresh plan-link client that makes one write and gets the relay's answer to it. */
async function refusedWrite(t: TestRelay, token: string, write: (c: PlansClient) => void): Promise<string[]> {
  const c = plansClient(t, token);
  await c.whenSynced();
  write(c);
  await waitFor(() => c.refusals.length > 0, { message: 'no refusal' });
  return c.refusals;
}

describe('a plan link', () => {
  it('edits its plan and is refused on another plan, on a new plan and on the shared document', async () => {
    const t = await relayFor();
    const { roomId, tokens } = t.room;
    const f = plansClient(t, tokens.facilitator);
    await f.whenSynced();
    f.doc.transact(() => {
      for (const id of ['p1', 'p2']) {
        const p = new Y.Map<unknown>();
        f.doc.getMap('plans').set(id, p);
        p.set('title', `Plan ${id}`);
        p.set('goal', new Y.Text('Ziel'));
        p.set('steps', new Y.Map());
      }
    });
    await f.whenSaved();

    // A facilitator registers the plan link; only a participant link may carry a scope.
    const token = generateToken('participant');
    const links = `/api/rooms/${roomId}/links`;
    const bad = (body: unknown) => api(t, links, tokens.facilitator, body);
    expect((await bad({ role: 'viewer', tokenHash: hashToken(token), scope: 'p1' })).status).toBe(400);
    expect((await bad({ role: 'participant', tokenHash: hashToken(token), scope: 'p/1' })).status).toBe(400);
    const added = await api(t, links, tokens.facilitator, {
      role: 'participant',
      tokenHash: hashToken(token),
      scope: 'p1'
    });
    expect(added.status).toBe(201);
    expect((await api(t, `/api/rooms/${roomId}/access`, token)).json).toEqual({
      roomId,
      role: 'participant',
      scope: 'p1'
    });
    expect((await api(t, `/api/rooms/${roomId}/access`, tokens.participant)).json.scope).toBeUndefined();
    const listed = (await api(t, links, tokens.facilitator)).json.links as Array<Record<string, unknown>>;
    expect(listed.find((l) => l.tokenHash === hashToken(token))?.scope).toBe('p1');

    // Inside its plan: accepted, broadcast and stored (title, a new step, text in the goal).
    const s = plansClient(t, token);
    await s.whenSynced();
    expect(plan(s, 'p2')?.get('title')).toBe('Plan p2'); // it reads every plan
    s.doc.transact(() => {
      plan(s, 'p1')!.set('title', 'Repair-Café');
      const step = new Y.Map<unknown>();
      steps(s, 'p1').set('s1', step);
      step.set('text', 'Raum anfragen');
      (plan(s, 'p1')!.get('goal') as Y.Text).insert(0, 'Unser ');
    });
    await s.whenSaved();
    await waitFor(() => (steps(f, 'p1').get('s1') as Y.Map<unknown> | undefined)?.get('text'));
    expect(plan(f, 'p1')?.get('title')).toBe('Repair-Café');
    // Deleting inside its plan: accepted.
    steps(s, 'p1').delete('s1');
    plan(s, 'p1')!.set('title', 'Repair-Café im Rathaus');
    await s.whenSaved();
    await waitFor(() => !steps(f, 'p1').has('s1'));
    expect(s.refusals).toEqual([]);

    // Another plan, a new plan, removing or replacing a plan: refused, nothing applied.
    expect(await refusedWrite(t, token, (c) => plan(c, 'p2')!.set('title', 'Übernommen'))).toEqual([
      'plan_only'
    ]);
    expect(
      await refusedWrite(t, token, (c) => (plan(c, 'p2')!.get('goal') as Y.Text).insert(0, 'x'))
    ).toEqual(['plan_only']);
    expect(await refusedWrite(t, token, (c) => c.doc.getMap('plans').set('p9', new Y.Map()))).toEqual([
      'plan_only'
    ]);
    expect(await refusedWrite(t, token, (c) => c.doc.getMap('plans').delete('p2'))).toEqual(['plan_only']);
    expect(await refusedWrite(t, token, (c) => c.doc.getMap('plans').set('p1', new Y.Map()))).toEqual([
      'plan_only'
    ]);
    expect(await refusedWrite(t, token, (c) => c.doc.getMap('other').set('x', 1))).toEqual(['plan_only']);

    // The shared document: dropped like a viewer's write.
    const shared = connectClient(t.wsUrl, roomId, token, { ack: true });
    defer(() => shared.destroy());
    await shared.whenSynced();
    shared.doc.getMap('ideas').set('i1', 'vom Planlink');

    // With a session token the scope holds (it comes from the stored link).
    const session = await api(t, `/api/rooms/${roomId}/session`, token, {});
    expect(session.json.scope).toBe('p1');
    const viaSession = plansClient(t, session.json.token as string);
    await viaSession.whenSynced();
    plan(viaSession, 'p2')!.set('status', 'done');
    await waitFor(() => viaSession.refusals.includes('plan_only'));
    plan(viaSession, 'p1')!.set('status', 'running'); // its replica diverged: a fresh one writes
    const fresh = plansClient(t, session.json.token as string);
    await fresh.whenSynced();
    plan(fresh, 'p1')!.set('status', 'running');
    await fresh.whenSaved();
    await waitFor(() => plan(f, 'p1')?.get('status') === 'running');

    const check = plansClient(t, tokens.facilitator);
    await check.whenSynced();
    expect(plan(check, 'p2')?.get('title')).toBe('Plan p2');
    expect((plan(check, 'p2')?.get('goal') as Y.Text).toString()).toBe('Ziel');
    expect(plan(check, 'p2')?.has('status')).toBe(false);
    expect([...check.doc.getMap('plans').keys()].sort()).toEqual(['p1', 'p2']);
    const sharedCheck = connectClient(t.wsUrl, roomId, tokens.facilitator);
    defer(() => sharedCheck.destroy());
    await sharedCheck.whenSynced();
    expect(sharedCheck.doc.getMap('ideas').has('i1')).toBe(false);

    const stored = readStoredDoc(t.dataDir, `${roomId}/plans`).getMap('plans');
    const p1 = stored.get('p1') as Y.Map<unknown>;
    expect(p1.get('title')).toBe('Repair-Café im Rathaus');
    expect((p1.get('goal') as Y.Text).toString()).toBe('Unser Ziel');
    expect((stored.get('p2') as Y.Map<unknown>).get('title')).toBe('Plan p2');
    expect(stored.has('p9')).toBe(false);
  });

  it('is revoked by its hash; revoking the participant link leaves plan links open', async () => {
    const t = await relayFor();
    const { roomId, tokens } = t.room;
    const links = `/api/rooms/${roomId}/links`;
    const token = generateToken('participant');
    await api(t, links, tokens.facilitator, {
      role: 'participant',
      tokenHash: hashToken(token),
      scope: 'p1'
    });
    const url = (k: string) => `${t.wsUrl}/${roomId}/plans?token=${k}`;
    expect(await upgradeStatus(url(token))).toBe(101);
    // It writes the plans document only: no contact details appended to the facilitators' document.
    const append = await api(t, `/api/rooms/${roomId}/facilitators/append`, token, { update: 'AAA' });
    expect([append.status, append.json.error]).toEqual([403, 'plan_only']);

    expect((await api(t, `${links}/revoke`, tokens.facilitator, { role: 'participant' })).json).toEqual({
      revoked: 1
    });
    expect(await upgradeStatus(url(tokens.participant))).toBe(403);
    expect(await upgradeStatus(url(token))).toBe(101);

    const open = plansClient(t, token);
    const closes: number[] = [];
    open.provider.on('connection-close', (event) => event && closes.push(event.code));
    await open.whenSynced();
    const revoked = await api(t, `${links}/revoke`, tokens.facilitator, { tokenHash: hashToken(token) });
    expect(revoked.json).toEqual({ revoked: 1 });
    await waitFor(() => closes.includes(4403), { timeoutMs: 2000, message: 'plan link socket open' });
    expect(await upgradeStatus(url(token))).toBe(403);
    // A facilitator link is not revoked here.
    const own = await api(t, `${links}/revoke`, tokens.facilitator, {
      tokenHash: hashToken(tokens.facilitator)
    });
    expect(own.status).toBe(400);
    expect(await upgradeStatus(`${t.wsUrl}/${roomId}?token=${tokens.facilitator}`)).toBe(101);
  });

  it('is closed by the room lock like every participant', async () => {
    const t = await relayFor();
    const { roomId, tokens } = t.room;
    const f = plansClient(t, tokens.facilitator);
    await f.whenSynced();
    f.doc.getMap('plans').set('p1', new Y.Map());
    await f.whenSaved();
    const token = generateToken('participant');
    const links = `/api/rooms/${roomId}/links`;
    await api(t, links, tokens.facilitator, {
      role: 'participant',
      tokenHash: hashToken(token),
      scope: 'p1'
    });
    const control = connectClient(t.wsUrl, roomId, tokens.facilitator, { control: true, ack: true });
    defer(() => control.destroy());
    await control.whenSynced();
    control.doc.getMap(POLICY_MAP).set(POLICY_KEYS.locked, true);
    await control.whenSaved();
    expect(await refusedWrite(t, token, (c) => plan(c, 'p1')!.set('title', 'zu spät'))).toEqual(['locked']);
    control.doc.getMap(POLICY_MAP).set(POLICY_KEYS.locked, false);
    await control.whenSaved();
    const s = plansClient(t, token);
    await s.whenSynced();
    plan(s, 'p1')!.set('title', 'wieder offen');
    await s.whenSaved();
    await waitFor(() => plan(f, 'p1')?.get('title') === 'wieder offen');
    expect(s.refusals).toEqual([]);
  });
});
