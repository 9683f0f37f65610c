// The round (issue 11) in the control document, written by facilitators only: the phase and the countdown
// of each Thementisch and of the whole room, and follow-me. Layout (README key table):
//   rounds.<TableId | 'all'> = Y.Map { phase: Phase, timer: { endsAt, pausedRemaining, durationMs } }
//   follow.current           = { target, at, seq }
// The timer and the follow value are each ONE plain object, so two facilitators' concurrent writes resolve
// to one whole value (last writer wins), never to a mix of halves. A table without its own phase or timer
// shows the room's. Setting the room's phase or timer clears the tables' own, so "for everyone" means
// everyone. Times are relay-clock ms (lib/sync/clock.ts).

import * as Y from 'yjs';
import {
  err,
  extendedTimer,
  isEntityId,
  isPhase,
  isValidMinutes,
  ok,
  pausedTimer,
  resumedTimer,
  ROOM_SCOPE,
  startedTimer,
  type CommandError,
  type FollowState,
  type FollowTarget,
  type Phase,
  type Result,
  type RoundScope,
  type RoundTimer,
  type TableId
} from '../model';
import { LOCAL_ORIGIN, type DocOrigin } from './origin';
import { asEntity, FOLLOW, ROOT, ROUND, rootMap, TIMER, type YEntity } from './schema';
import { setIfChanged, writableRoot } from './write';

/** What a table shows: its own phase and timer or, where it has none, the room's. */
export interface RoundState {
  phase: Phase;
  timer: RoundTimer | null;
  /** Whether the phase / timer are the table's own (false: the room's, or the default). */
  ownPhase: boolean;
  ownTimer: boolean;
}

const isScope = (scope: unknown): scope is RoundScope => scope === ROOM_SCOPE || isEntityId(scope);

function entry(control: Y.Doc, scope: string): YEntity | null {
  return asEntity(rootMap(control, ROOT.rounds)?.get(scope));
}

/** The scope's map, created on first use (inside a transaction). */
function writableEntry(control: Y.Doc, scope: RoundScope): YEntity {
  const root = writableRoot(control, ROOT.rounds);
  const existing = asEntity(root.get(scope));
  if (existing) return existing;
  const created = new Y.Map<unknown>();
  root.set(scope, created);
  return created;
}

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Distrusts remote data: anything malformed reads as "no timer". */
export function parseTimer(v: unknown): RoundTimer | null {
  if (typeof v !== 'object' || v === null) return null;
  const rec = v as Record<string, unknown>;
  const endsAt = rec[TIMER.endsAt];
  const paused = rec[TIMER.pausedRemaining];
  const durationMs = rec[TIMER.durationMs];
  if (!finite(durationMs) || durationMs <= 0) return null;
  if (finite(endsAt)) return { endsAt, pausedRemaining: null, durationMs };
  if (finite(paused) && paused >= 0) return { endsAt: null, pausedRemaining: paused, durationMs };
  return null;
}

const timerValue = (t: RoundTimer): Record<string, unknown> => ({
  [TIMER.endsAt]: t.endsAt,
  [TIMER.pausedRemaining]: t.pausedRemaining,
  [TIMER.durationMs]: t.durationMs
});

function phaseOf(m: YEntity | null): Phase | null {
  const v = m?.get(ROUND.phase);
  return isPhase(v) ? v : null;
}

const timerOf = (m: YEntity | null): RoundTimer | null => parseTimer(m?.get(ROUND.timer));

/** The round as a table (or, with 'all', the whole room) sees it. */
export function readRound(control: Y.Doc, scope: RoundScope): RoundState {
  const room = entry(control, ROUND.all);
  const own = scope === ROOM_SCOPE ? null : entry(control, scope);
  const ownPhase = phaseOf(own);
  const ownTimer = timerOf(own);
  return {
    phase: ownPhase ?? phaseOf(room) ?? 'collect',
    timer: ownTimer ?? timerOf(room),
    ownPhase: ownPhase !== null,
    ownTimer: ownTimer !== null
  };
}

/** For each scope with any round data, its state (tables read with the room's fallback). */
export function readRounds(control: Y.Doc): Map<RoundScope, RoundState> {
  const out = new Map<RoundScope, RoundState>();
  const root = rootMap(control, ROOT.rounds);
  if (!root) return out;
  for (const key of root.keys()) if (isScope(key)) out.set(key, readRound(control, key));
  return out;
}

/** Every table's own map (to clear when the whole room changes). */
function tableEntries(control: Y.Doc): YEntity[] {
  const root = rootMap(control, ROOT.rounds);
  if (!root) return [];
  const out: YEntity[] = [];
  for (const [key, value] of root.entries()) {
    const m = asEntity(value);
    if (m && key !== ROUND.all) out.push(m);
  }
  return out;
}

export function setPhase(
  control: Y.Doc,
  scope: RoundScope,
  phase: Phase,
  origin: DocOrigin = LOCAL_ORIGIN
): Result<void, CommandError> {
  if (!isScope(scope)) return err('notFound');
  if (!isPhase(phase)) return err('invalidKind', 'phase');
  control.transact(() => {
    setIfChanged(writableEntry(control, scope), ROUND.phase, phase);
    if (scope === ROOM_SCOPE)
      for (const m of tableEntries(control)) if (m.has(ROUND.phase)) m.delete(ROUND.phase);
  }, origin);
  return ok(undefined);
}

/** Writes the scope's timer (null: stop); the room's clears the tables' own. */
function writeTimer(control: Y.Doc, scope: RoundScope, timer: RoundTimer | null, origin: DocOrigin): void {
  control.transact(() => {
    const m = writableEntry(control, scope);
    if (timer) m.set(ROUND.timer, timerValue(timer));
    else if (m.has(ROUND.timer)) m.delete(ROUND.timer);
    if (scope === ROOM_SCOPE)
      for (const t of tableEntries(control)) if (t.has(ROUND.timer)) t.delete(ROUND.timer);
  }, origin);
}

/** Starts a countdown of `minutes` (1–180) from `nowRelay` (the relay's clock as this device estimates it). */
export function startTimer(
  control: Y.Doc,
  scope: RoundScope,
  minutes: number,
  nowRelay: number,
  origin: DocOrigin = LOCAL_ORIGIN
): Result<void, CommandError> {
  if (!isScope(scope)) return err('notFound');
  if (!isValidMinutes(minutes) || !finite(nowRelay)) return err('invalidTime', 'minutes');
  writeTimer(control, scope, startedTimer(minutes, nowRelay), origin);
  return ok(undefined);
}

/** Changes the timer the scope shows (its own, or the room's for a table without one). */
function changeTimer(
  control: Y.Doc,
  scope: RoundScope,
  change: (t: RoundTimer) => RoundTimer,
  origin: DocOrigin
): Result<void, CommandError> {
  if (!isScope(scope)) return err('notFound');
  const state = readRound(control, scope);
  if (!state.timer) return err('notFound');
  const target = scope === ROOM_SCOPE || state.ownTimer ? scope : ROOM_SCOPE;
  const next = change(state.timer);
  if (next !== state.timer) {
    control.transact(() => writableEntry(control, target).set(ROUND.timer, timerValue(next)), origin);
  }
  return ok(undefined);
}

export const pauseTimer = (
  control: Y.Doc,
  scope: RoundScope,
  nowRelay: number,
  origin: DocOrigin = LOCAL_ORIGIN
) => changeTimer(control, scope, (t) => pausedTimer(t, nowRelay), origin);

export const resumeTimer = (
  control: Y.Doc,
  scope: RoundScope,
  nowRelay: number,
  origin: DocOrigin = LOCAL_ORIGIN
) => changeTimer(control, scope, (t) => resumedTimer(t, nowRelay), origin);

/** One more minute. */
export const extendTimer = (
  control: Y.Doc,
  scope: RoundScope,
  nowRelay: number,
  origin: DocOrigin = LOCAL_ORIGIN
) => changeTimer(control, scope, (t) => extendedTimer(t, nowRelay), origin);

/** Removes the scope's timer (a table without its own stops the room's). */
export function stopTimer(
  control: Y.Doc,
  scope: RoundScope,
  origin: DocOrigin = LOCAL_ORIGIN
): Result<void, CommandError> {
  if (!isScope(scope)) return err('notFound');
  const state = readRound(control, scope);
  const target = scope === ROOM_SCOPE || state.ownTimer ? scope : ROOM_SCOPE;
  writeTimer(control, target, null, origin);
  return ok(undefined);
}

// ——— follow-me ———

function parseTarget(v: unknown): FollowTarget | null {
  if (typeof v !== 'object' || v === null) return null;
  const rec = v as Record<string, unknown>;
  if (rec.kind === 'landkarte' || rec.kind === 'programme') return { kind: rec.kind };
  if ((rec.kind === 'table' || rec.kind === 'results') && isEntityId(rec.tableId))
    return { kind: rec.kind, tableId: rec.tableId as TableId };
  return null;
}

export function readFollow(control: Y.Doc): FollowState | null {
  const v = rootMap(control, ROOT.follow)?.get(FOLLOW.current);
  if (typeof v !== 'object' || v === null) return null;
  const rec = v as Record<string, unknown>;
  const target = parseTarget(rec[FOLLOW.target]);
  const at = rec[FOLLOW.at];
  const seq = rec[FOLLOW.seq];
  if (!target || !finite(at) || !finite(seq)) return null;
  return { target, at, seq };
}

/** Brings everyone to `target` ("Alle hierher holen"); every call counts as a new request. */
export function followMe(
  control: Y.Doc,
  target: FollowTarget,
  at: number,
  origin: DocOrigin = LOCAL_ORIGIN
): Result<void, CommandError> {
  const clean = parseTarget(target);
  if (!clean) return err('notFound');
  if (!finite(at)) return err('invalidTime');
  const seq = (readFollow(control)?.seq ?? 0) + 1;
  control.transact(
    () =>
      writableRoot(control, ROOT.follow).set(FOLLOW.current, {
        [FOLLOW.target]: { ...clean },
        [FOLLOW.at]: at,
        [FOLLOW.seq]: seq
      }),
    origin
  );
  return ok(undefined);
}

/** Nobody is brought anywhere any more. */
export function stopFollow(control: Y.Doc, origin: DocOrigin = LOCAL_ORIGIN): Result<void, CommandError> {
  control.transact(() => writableRoot(control, ROOT.follow).delete(FOLLOW.current), origin);
  return ok(undefined);
}
