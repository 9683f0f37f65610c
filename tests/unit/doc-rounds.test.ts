// The round in the control document (lib/doc/rounds.ts) and the countdown arithmetic (model/timer.ts):
// phases per table with the room's as fallback, timer commands, follow-me, malformed remote data, and a
// seeded run where two facilitators' replicas change phase and timer offline and converge.
import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import {
  createConferenceDocs,
  extendTimer,
  followMe,
  pauseTimer,
  readFollow,
  readRound,
  resumeTimer,
  setPhase,
  startTimer,
  stopFollow,
  stopTimer
} from '../../src/lib/doc';
import {
  formatRemaining,
  PHASES,
  remaining,
  timerState,
  type RoomId,
  type TableId
} from '../../src/lib/model';
import { mulberry32 } from '../helpers/random';

const control = () => createConferenceDocs('room-rounds' as RoomId).control;
const T1 = 'tableAAAAAAAAAAA' as TableId;
const T2 = 'tableBBBBBBBBBBB' as TableId;
const MIN = 60_000;

describe('timer arithmetic', () => {
  test('remaining and state of a running, paused and ended countdown', () => {
    const running = { endsAt: 10_000, pausedRemaining: null, durationMs: 10_000 };
    expect(remaining(running, 4_000)).toBe(6_000);
    expect(timerState(running, 4_000)).toBe('running');
    expect(remaining(running, 12_000)).toBe(0);
    expect(timerState(running, 12_000)).toBe('ended');
    const paused = { endsAt: null, pausedRemaining: 3_000, durationMs: 10_000 };
    expect(remaining(paused, 99_999)).toBe(3_000);
    expect(timerState(paused, 99_999)).toBe('paused');
  });

  test('mm:ss rounds up to whole seconds', () => {
    expect(formatRemaining(5 * MIN)).toBe('05:00');
    expect(formatRemaining(59_001)).toBe('01:00');
    expect(formatRemaining(59_000)).toBe('00:59');
    expect(formatRemaining(1)).toBe('00:01');
    expect(formatRemaining(0)).toBe('00:00');
    expect(formatRemaining(-5)).toBe('00:00');
  });
});

describe('phase', () => {
  test('a table without its own phase shows the room’s; the default is collect', () => {
    const doc = control();
    expect(readRound(doc, T1).phase).toBe('collect');
    expect(setPhase(doc, 'all', 'cluster').ok).toBe(true);
    expect(readRound(doc, T1)).toMatchObject({ phase: 'cluster', ownPhase: false });
    expect(setPhase(doc, T1, 'vote').ok).toBe(true);
    expect(readRound(doc, T1)).toMatchObject({ phase: 'vote', ownPhase: true });
    expect(readRound(doc, T2).phase).toBe('cluster');
  });

  test('the room’s phase clears the tables’ own', () => {
    const doc = control();
    setPhase(doc, T1, 'vote');
    setPhase(doc, 'all', 'harvest');
    expect(readRound(doc, T1)).toMatchObject({ phase: 'harvest', ownPhase: false });
  });

  test('refuses an unknown phase or scope', () => {
    const doc = control();
    expect(setPhase(doc, T1, 'dance' as never)).toMatchObject({ ok: false, error: 'invalidKind' });
    expect(setPhase(doc, 'x y' as TableId, 'vote')).toMatchObject({ ok: false, error: 'notFound' });
  });
});

describe('timer commands', () => {
  test('start, pause, resume, extend and stop', () => {
    const doc = control();
    expect(startTimer(doc, T1, 5, 1_000_000).ok).toBe(true);
    let t = readRound(doc, T1).timer!;
    expect(remaining(t, 1_000_000 + MIN)).toBe(4 * MIN);
    pauseTimer(doc, T1, 1_000_000 + MIN);
    t = readRound(doc, T1).timer!;
    expect(timerState(t, 9e12)).toBe('paused');
    expect(remaining(t, 9e12)).toBe(4 * MIN);
    resumeTimer(doc, T1, 2_000_000);
    expect(remaining(readRound(doc, T1).timer!, 2_000_000)).toBe(4 * MIN);
    extendTimer(doc, T1, 2_000_000);
    t = readRound(doc, T1).timer!;
    expect(remaining(t, 2_000_000)).toBe(5 * MIN);
    expect(t.durationMs).toBe(6 * MIN);
    stopTimer(doc, T1);
    expect(readRound(doc, T1).timer).toBeNull();
  });

  test('extending an ended countdown runs it one more minute from now', () => {
    const doc = control();
    startTimer(doc, T1, 1, 0);
    extendTimer(doc, T1, 10 * MIN);
    expect(remaining(readRound(doc, T1).timer!, 10 * MIN)).toBe(MIN);
  });

  test('a table shows the room’s countdown; pausing it from the table pauses the room’s', () => {
    const doc = control();
    startTimer(doc, 'all', 10, 0);
    expect(readRound(doc, T1)).toMatchObject({ ownTimer: false });
    pauseTimer(doc, T1, MIN);
    expect(timerState(readRound(doc, T2).timer!, 5 * MIN)).toBe('paused');
    startTimer(doc, T1, 3, 0);
    expect(readRound(doc, T1).ownTimer).toBe(true);
    startTimer(doc, 'all', 7, 0);
    expect(readRound(doc, T1)).toMatchObject({ ownTimer: false });
    expect(remaining(readRound(doc, T1).timer!, 0)).toBe(7 * MIN);
  });

  test('refuses minutes out of range and changes of a missing timer', () => {
    const doc = control();
    expect(startTimer(doc, T1, 0, 0)).toMatchObject({ ok: false, error: 'invalidTime' });
    expect(startTimer(doc, T1, 2.5, 0)).toMatchObject({ ok: false, error: 'invalidTime' });
    expect(startTimer(doc, T1, 181, 0)).toMatchObject({ ok: false, error: 'invalidTime' });
    expect(pauseTimer(doc, T1, 0)).toMatchObject({ ok: false, error: 'notFound' });
  });

  test('malformed remote values read as defaults', () => {
    const doc = control();
    const entry = new Y.Map<unknown>();
    doc.getMap('rounds').set(T1, entry);
    entry.set('phase', 'party');
    entry.set('timer', { endsAt: 'soon', durationMs: 5 });
    expect(readRound(doc, T1)).toMatchObject({ phase: 'collect', timer: null });
    doc.getMap('rounds').set(T2, 'not a map');
    expect(readRound(doc, T2)).toMatchObject({ phase: 'collect', timer: null });
    entry.set('timer', { endsAt: null, pausedRemaining: 5, durationMs: -1 });
    expect(readRound(doc, T1).timer).toBeNull();
  });
});

describe('follow-me', () => {
  test('each request counts up; stopping removes it; malformed reads as none', () => {
    const doc = control();
    expect(readFollow(doc)).toBeNull();
    followMe(doc, { kind: 'table', tableId: T1 }, 100);
    expect(readFollow(doc)).toEqual({ target: { kind: 'table', tableId: T1 }, at: 100, seq: 1 });
    followMe(doc, { kind: 'table', tableId: T1 }, 200);
    expect(readFollow(doc)?.seq).toBe(2);
    followMe(doc, { kind: 'landkarte' }, 300);
    expect(readFollow(doc)?.target).toEqual({ kind: 'landkarte' });
    stopFollow(doc);
    expect(readFollow(doc)).toBeNull();
    expect(followMe(doc, { kind: 'table', tableId: '' as TableId }, 1).ok).toBe(false);
    doc.getMap('follow').set('current', { target: { kind: 'table', tableId: 5 }, at: 1, seq: 1 });
    expect(readFollow(doc)).toBeNull();
  });
});

describe('two facilitators offline', () => {
  const seeds = Array.from({ length: 30 }, (_, i) => i + 1);
  test.each(seeds)('seed %i: concurrent phase and timer changes converge', (seed) => {
    const rng = mulberry32(seed);
    const replay = `seed ${seed} (replay: npx vitest run tests/unit/doc-rounds.test.ts -t "seed ${seed}:")`;
    const a = control();
    const b = new Y.Doc({ guid: a.guid });
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    b.getMap('rounds');
    b.getMap('follow');
    const scopes = ['all', T1, T2] as const;
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
    for (let round = 0; round < 4; round++) {
      for (const doc of [a, b]) {
        const steps = 1 + Math.floor(rng() * 5);
        for (let i = 0; i < steps; i++) {
          const scope = pick(scopes);
          const now = Math.floor(rng() * 10 * MIN);
          const op = Math.floor(rng() * 7);
          if (op === 0) setPhase(doc, scope, pick(PHASES));
          else if (op === 1) startTimer(doc, scope, 1 + Math.floor(rng() * 15), now);
          else if (op === 2) pauseTimer(doc, scope, now);
          else if (op === 3) resumeTimer(doc, scope, now);
          else if (op === 4) extendTimer(doc, scope, now);
          else if (op === 5) stopTimer(doc, scope);
          else followMe(doc, { kind: 'table', tableId: pick([T1, T2]) }, now);
        }
      }
      // Exchange what each has (offline, then back online).
      Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
      Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
      for (const scope of scopes) {
        const ra = readRound(a, scope);
        expect(ra, replay).toEqual(readRound(b, scope));
        // A timer is always whole: exactly one of endsAt / pausedRemaining.
        if (ra.timer)
          expect((ra.timer.endsAt === null) !== (ra.timer.pausedRemaining === null), replay).toBe(true);
      }
      expect(readFollow(a), replay).toEqual(readFollow(b));
    }
  });
});
