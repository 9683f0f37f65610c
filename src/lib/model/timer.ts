// Pure countdown arithmetic over a RoundTimer (model/round.ts). `now` is always the relay's clock as
// this device estimates it (its own clock plus the measured offset); nothing here counts ticks, so every
// device computes the same time left from the same stored value.
import { TIMER_LIMITS, type RoundTimer } from './round';

export type TimerState = 'running' | 'paused' | 'ended';

export function timerState(timer: RoundTimer, now: number): TimerState {
  if (timer.endsAt !== null) return timer.endsAt > now ? 'running' : 'ended';
  return (timer.pausedRemaining ?? 0) > 0 ? 'paused' : 'ended';
}

/** Milliseconds left (never below 0). */
export function remaining(timer: RoundTimer, now: number): number {
  if (timer.endsAt !== null) return Math.max(0, timer.endsAt - now);
  return Math.max(0, timer.pausedRemaining ?? 0);
}

export function startedTimer(minutes: number, now: number): RoundTimer {
  const durationMs = minutes * 60_000;
  return { endsAt: now + durationMs, pausedRemaining: null, durationMs };
}

export function pausedTimer(timer: RoundTimer, now: number): RoundTimer {
  if (timer.endsAt === null) return timer;
  return { endsAt: null, pausedRemaining: remaining(timer, now), durationMs: timer.durationMs };
}

export function resumedTimer(timer: RoundTimer, now: number): RoundTimer {
  if (timer.endsAt !== null) return timer;
  return { endsAt: now + remaining(timer, now), pausedRemaining: null, durationMs: timer.durationMs };
}

/** One more minute (or `ms`); a countdown that already ended runs again for that long. */
export function extendedTimer(timer: RoundTimer, now: number, ms = TIMER_LIMITS.extendMs): RoundTimer {
  const durationMs = timer.durationMs + ms;
  if (timer.endsAt !== null)
    return { endsAt: Math.max(timer.endsAt, now) + ms, pausedRemaining: null, durationMs };
  return { endsAt: null, pausedRemaining: remaining(timer, now) + ms, durationMs };
}

/** `mm:ss`, rounded up to the next whole second (a countdown shows 0:00 only when it ended). */
export function formatRemaining(ms: number): string {
  const total = Math.ceil(Math.max(0, ms) / 1000);
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`;
}

export const isValidMinutes = (minutes: unknown): minutes is number =>
  typeof minutes === 'number' &&
  Number.isInteger(minutes) &&
  minutes >= TIMER_LIMITS.minMinutes &&
  minutes <= TIMER_LIMITS.maxMinutes;
