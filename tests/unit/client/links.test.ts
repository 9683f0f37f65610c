// Link management and joining with the code alone, in Node against the real relay (port 0): a facilitator's
// LinkAdmin creates, renews and revokes participant links and the relay agrees at each step; a participant's
// token is refused by the relay's link API; failures name their cause; resolveJoin turns a token alone into
// room and role, and explains unknown, revoked and unreachable.
import { afterEach, describe, expect, it } from 'vitest';
import { generateToken } from '../../../sync-server/src/auth';
import { LinkAdmin, type LinkAdminHost } from '../../../src/lib/state/links.svelte';
import { resolveJoin } from '../../../src/lib/state/join.svelte';
import { relayBase } from '../../../src/lib/sync/relay-api';
import { startTestRelay, upgradeStatus, type TestRelay } from '../../helpers/relay';

let relay: TestRelay | undefined;

afterEach(async () => {
  await relay?.close();
  relay = undefined;
});

function host(
  t: TestRelay,
  token: string,
  saved: Map<string, string | null>,
  registered = true
): LinkAdminHost {
  return {
    roomId: t.room.roomId,
    facilitatorToken: token,
    registered,
    relay: { base: relayBase(t.url), fetch: undefined },
    async setShareToken(role, value) {
      saved.set(role, value);
    }
  };
}

const opens = (t: TestRelay, token: string) => upgradeStatus(`${t.wsUrl}/${t.room.roomId}?token=${token}`);

describe('LinkAdmin', () => {
  it('creates, renews and revokes participant links, and the relay agrees each time', async () => {
    const t = (relay = await startTestRelay());
    const saved = new Map<string, string | null>();
    const admin = new LinkAdmin(host(t, t.room.tokens.facilitator, saved));

    const created = await admin.run('participant', 'create');
    expect(created).toEqual({ ok: true, value: { role: 'participant', action: 'create', revoked: 0 } });
    const first = saved.get('participant') ?? '';
    expect(first).toMatch(/^p_/);
    expect(await opens(t, first)).toBe(101);
    expect(await opens(t, t.room.tokens.participant)).toBe(101); // creating keeps the others

    const renewed = await admin.run('participant', 'renew');
    expect(renewed).toMatchObject({ ok: true, value: { revoked: 2 } });
    const second = saved.get('participant') ?? '';
    expect(second).not.toBe(first);
    expect(await opens(t, first)).toBe(403);
    expect(await opens(t, t.room.tokens.participant)).toBe(403);
    expect(await opens(t, second)).toBe(101);

    expect(await admin.run('participant', 'revoke')).toMatchObject({ ok: true, value: { revoked: 1 } });
    expect(saved.get('participant')).toBeNull();
    expect(await opens(t, second)).toBe(403);
    expect(await opens(t, t.room.tokens.viewer)).toBe(101);
    expect(admin.busy).toBeNull();
  });

  it('names why a change failed, and changes nothing on this device then', async () => {
    const t = (relay = await startTestRelay());
    const saved = new Map<string, string | null>();
    const asParticipant = new LinkAdmin(host(t, t.room.tokens.participant, saved));
    expect(await asParticipant.run('viewer', 'revoke')).toEqual({ ok: false, error: 'forbidden' });
    const notYet = new LinkAdmin(host(t, t.room.tokens.facilitator, saved, false));
    expect(await notYet.run('viewer', 'create')).toEqual({ ok: false, error: 'notRegistered' });
    const gone = new LinkAdmin({ ...host(t, t.room.tokens.facilitator, saved), roomId: 'UnknownRoom123' });
    expect(await gone.run('viewer', 'create')).toEqual({ ok: false, error: 'notRegistered' });
    const url = t.url;
    await t.close();
    relay = undefined;
    const offline = new LinkAdmin({
      ...host(t, t.room.tokens.facilitator, saved),
      relay: { base: relayBase(url), fetch: undefined }
    });
    expect(await offline.run('participant', 'renew')).toEqual({ ok: false, error: 'unreachable' });
    expect(saved.size).toBe(0);
  });
});

describe('resolveJoin', () => {
  it('finds room and role for a token alone and explains the refusals', async () => {
    const t = (relay = await startTestRelay());
    const opts = { origin: t.url };
    expect(await resolveJoin(`  ${t.room.tokens.viewer}\n`, opts)).toEqual({
      ok: true,
      value: { roomId: t.room.roomId, token: t.room.tokens.viewer, role: 'viewer' }
    });
    expect(await resolveJoin(`#${t.room.tokens.participant}`, opts)).toMatchObject({
      ok: true,
      value: { role: 'participant' }
    });
    expect(await resolveJoin(generateToken('participant'), opts)).toEqual({
      ok: false,
      error: 'unknownToken'
    });
    // A whole link still needs no server at all.
    const link = `${t.url}/join/${t.room.roomId}#${t.room.tokens.participant}`;
    expect(await resolveJoin(link, { origin: 'http://127.0.0.1:9' })).toMatchObject({ ok: true });
    expect(await resolveJoin('kein Link', opts)).toEqual({ ok: false, error: 'noToken' });
    await t.relay.revokeLinks(t.room.roomId, { role: 'viewer' });
    expect(await resolveJoin(t.room.tokens.viewer, opts)).toEqual({ ok: false, error: 'revoked' });
    expect(await resolveJoin(t.room.tokens.participant, { origin: 'http://127.0.0.1:9' })).toEqual({
      ok: false,
      error: 'unreachable'
    });
  });
});
