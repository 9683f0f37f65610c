// GET /api/time (the relay's clock, plain, no auth) and the app's estimate of its offset from it
// (lib/sync/clock.ts) against a real relay: a device clock wrong by minutes gets the relay's time back
// within the round trip.
import { describe, expect, it } from 'vitest';
import { useCleanups } from '../helpers/cleanups';
import { relayStarter } from '../helpers/relay-starter';
import { RelayClock, bestSample, clockSample } from '../../src/lib/sync/clock';
import { relayBase } from '../../src/lib/sync/relay-api';

const defer = useCleanups();
const relayFor = relayStarter(defer);

describe('GET /api/time', () => {
  it('answers the relay clock, never cached; other methods 405', async () => {
    const t = await relayFor();
    const before = Date.now();
    const res = await fetch(`${t.url}/api/time`);
    const after = Date.now();
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as { now: number };
    expect(Object.keys(body)).toEqual(['now']);
    expect(body.now).toBeGreaterThanOrEqual(before);
    expect(body.now).toBeLessThanOrEqual(after);
    expect((await fetch(`${t.url}/api/time`, { method: 'POST' })).status).toBe(405);
  });

  it('a device clock 5 minutes off estimates the relay clock within the round trip', async () => {
    const t = await relayFor();
    for (const skew of [5 * 60_000, -5 * 60_000]) {
      const clock = new RelayClock({ base: relayBase(t.url), now: () => Date.now() + skew });
      expect(clock.now() - Date.now()).toBe(skew);
      expect(await clock.sync()).toBe(true);
      expect(clock.synced).toBe(true);
      expect(Math.abs(clock.now() - Date.now())).toBeLessThanOrEqual(Math.max(50, clock.rtt));
    }
  });

  it('an unreachable relay keeps the last estimate; one never reached assumes offset 0', async () => {
    const t = await relayFor();
    let reachable = true;
    const fetchFn: typeof fetch = (input, init) =>
      reachable ? fetch(input, init) : Promise.reject(new TypeError('offline'));
    const clock = new RelayClock({ base: relayBase(t.url), fetch: fetchFn, now: () => Date.now() - 120_000 });
    await clock.sync();
    const offset = clock.offset;
    expect(Math.abs(offset - 120_000)).toBeLessThan(1000);
    reachable = false;
    expect(await clock.sync()).toBe(false);
    expect(clock.offset).toBe(offset);
    const never = new RelayClock({ base: relayBase(t.url), fetch: fetchFn });
    expect(await never.sync()).toBe(false);
    expect(never.offset).toBe(0);
    expect(never.synced).toBe(false);
  });
});

describe('clock samples', () => {
  it('offset is the relay time minus the midpoint; the smallest round trip wins', () => {
    expect(clockSample(1000, 5000, 1200)).toEqual({ offset: 3900, rtt: 200 });
    expect(bestSample([clockSample(0, 100, 400), clockSample(0, 60, 20), clockSample(0, 0, 90)])).toEqual({
      offset: 50,
      rtt: 20
    });
    expect(bestSample([])).toBeNull();
  });
});
