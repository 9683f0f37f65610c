// The round at a Thementisch (issue 11): its phase, its countdown and what the facilitators bring every
// phone to (follow-me). Plain data; the control document holds it (lib/doc/rounds.ts), timer.ts computes
// times from it.
import type { TableId } from './ids';

export const PHASES = ['collect', 'cluster', 'vote', 'harvest'] as const;
/** Ideen sammeln → Clustern → Bewerten → Ernte. */
export type Phase = (typeof PHASES)[number];

export const isPhase = (v: unknown): v is Phase =>
  typeof v === 'string' && (PHASES as readonly string[]).includes(v);

/** Where a phase or timer applies: one table, or the whole room (`all`). */
export type RoundScope = TableId | 'all';
export const ROOM_SCOPE = 'all' as const;

/**
 * A countdown, stored as one value. Times are the relay's clock (ms since the epoch): a device adds its
 * estimated offset to its own clock before comparing (lib/sync/clock.ts), so a wrong device clock or a
 * device that was offline when it started still shows the right time left.
 * - running: `endsAt` set, `pausedRemaining` null
 * - paused: `endsAt` null, `pausedRemaining` the ms left when it was paused
 */
export interface RoundTimer {
  endsAt: number | null;
  pausedRemaining: number | null;
  /** The whole length, extensions included (for a progress bar). */
  durationMs: number;
}

export type FollowTarget =
  | { kind: 'table'; tableId: TableId }
  | { kind: 'landkarte' }
  | { kind: 'programme' }
  | { kind: 'results'; tableId: TableId };

/** What the facilitators show everyone; `seq` grows with every "bring everyone here". */
export interface FollowState {
  target: FollowTarget;
  at: number;
  seq: number;
}

export const TIMER_LIMITS = Object.freeze({ minMinutes: 1, maxMinutes: 180, extendMs: 60_000 });
