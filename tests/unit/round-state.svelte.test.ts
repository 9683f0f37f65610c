// The round's controllers over a session (lib/state/round.svelte.ts, follow.svelte.ts): the timer is
// written and read on the relay's clock as this device estimates it; only facilitators steer; a follow
// request takes a following device along once, and not when it turned following off.
import { afterEach, describe, expect, it } from 'vitest';
import { createConferenceDocs, readRound } from '../../src/lib/doc';
import type { RoomId, TableId } from '../../src/lib/model';
import { Follow } from '../../src/lib/state/follow.svelte';
import { RoundController } from '../../src/lib/state/round.svelte';
import type { ConferenceSession } from '../../src/lib/state/session.svelte';
import { RelayClock } from '../../src/lib/sync/clock';

const T1 = 'tableAAAAAAAAAAA' as TableId;
const MIN = 60_000;
const base = { http: 'http://relay.invalid', ws: 'ws://relay.invalid/sync' };

function fakeSession(
  role: 'facilitator' | 'participant',
  docs = createConferenceDocs('roomround1' as RoomId)
) {
  return {
    roomId: 'roomround1',
    role,
    canModerate: role === 'facilitator',
    docs,
    relay: { base, fetch: undefined },
    connection: { status: 'offline', awareness: null }
  } as unknown as ConferenceSession;
}

/** A device whose clock is `skew` ms off; the relay answers the true time. */
function skewedClock(skew: number, trueNow: () => number): RelayClock {
  const fetchFn = (async () =>
    new Response(JSON.stringify({ now: trueNow() }), { status: 200 })) as unknown as typeof fetch;
  return new RelayClock({ base, fetch: fetchFn, now: () => trueNow() + skew });
}

afterEach(() => localStorage.clear());

describe('RoundController', () => {
  it('starts the timer on the relay clock, so a skewed device writes the true end time', async () => {
    let t = 1_000_000_000;
    const clock = skewedClock(5 * MIN, () => t);
    await clock.sync();
    const session = fakeSession('facilitator');
    const round = new RoundController(session, T1, clock);
    expect(round.startTimer(10).ok).toBe(true);
    expect(readRound(session.docs.control, T1).timer?.endsAt).toBe(t + 10 * MIN);
    t += 2 * MIN;
    expect(round.timer.remainingMs).toBeGreaterThan(8 * MIN - 1000);
    expect(round.timer.remainingMs).toBeLessThanOrEqual(8 * MIN);
    expect(round.setPhase('vote', 'all').ok).toBe(true);
    expect(round.phase).toBe('vote');
    round.destroy();
  });

  it('participants read but do not steer', () => {
    const docs = createConferenceDocs('roomround1' as RoomId);
    const round = new RoundController(fakeSession('participant', docs), T1, skewedClock(0, Date.now));
    expect(round.canSteer).toBe(false);
    expect(round.setPhase('cluster')).toEqual({ ok: false, error: 'notAllowed' });
    expect(round.startTimer(5)).toEqual({ ok: false, error: 'notAllowed' });
    expect(round.phase).toBe('collect');
    round.destroy();
  });
});

describe('Follow', () => {
  it('takes a following device along once per request; off means never', () => {
    const docs = createConferenceDocs('roomround1' as RoomId);
    const facilitator = new Follow(fakeSession('facilitator', docs));
    const phone = new Follow(fakeSession('participant', docs));
    expect(phone.pending).toBeNull();
    expect(facilitator.bring({ kind: 'table', tableId: T1 }).ok).toBe(true);
    const pending = phone.pending;
    expect(pending?.target).toEqual({ kind: 'table', tableId: T1 });
    phone.obeyed(pending!);
    expect(phone.pending).toBeNull();
    // Facilitators steer, never follow.
    expect(facilitator.pending).toBeNull();
    facilitator.bring({ kind: 'landkarte' });
    expect(phone.pending?.target).toEqual({ kind: 'landkarte' });
    phone.setAuto(false);
    expect(phone.pending).toBeNull();
    // The choice is kept on the device.
    expect(new Follow(fakeSession('participant', docs)).auto).toBe(false);
    expect(phone.bring({ kind: 'programme' })).toEqual({ ok: false, error: 'notAllowed' });
    facilitator.end();
    expect(phone.current).toBeNull();
  });
});
