// The round at one Thementisch (or, with 'all', the whole room) for the screens: its phase, its countdown
// as the time left (a rune that ticks every 250 ms while someone looks, computed from the stored end time
// and the relay clock, never counted), the end signal, and the facilitators' verbs. A capability
// controller over the session like Programme: pages create one and destroy it when they unmount.
// Everyone reads, offline too (it is the control document on this device); only facilitators write.
import { createSubscriber } from 'svelte/reactivity';
import {
  extendTimer,
  LOCAL_ORIGIN,
  observeDoc,
  pauseTimer,
  readRound,
  resumeTimer,
  setPhase,
  startTimer,
  stopTimer,
  type RoundState
} from '../doc';
import {
  remaining,
  ROOM_SCOPE,
  timerState,
  type Phase,
  type Result,
  type RoundScope,
  type TableId,
  type TimerState
} from '../model';
import { relayClockFor, type RelayClock } from '../sync/clock';
import type { ConferenceSession, SessionError } from './session.svelte';

export type { RoundState };

const TICK_MS = 250;

export interface TimerView {
  /** ms left; null without a timer. */
  remainingMs: number | null;
  state: TimerState | null;
  durationMs: number;
}

export class RoundController {
  readonly #session: ConferenceSession;
  readonly #scope: RoundScope;
  readonly #clock: RelayClock;
  readonly #stop: (() => void)[] = [];
  #notify: (() => void) | null = null;
  readonly #subscribe: () => void;
  #state: RoundState | null = null;
  #now = $state(0);
  readonly #subscribeTick: () => void;

  constructor(session: ConferenceSession, scope: TableId | 'all', clock?: RelayClock) {
    this.#session = session;
    this.#scope = scope;
    this.#clock = clock ?? relayClockFor(session.relay.base, session.relay.fetch);
    this.#now = this.#clock.now();
    this.#stop.push(
      observeDoc(session.docs.control, 'control', () => {
        this.#state = null;
        this.#notify?.();
      }),
      this.#clock.subscribe(() => (this.#now = this.#clock.now()))
    );
    this.#subscribe = createSubscriber((update) => {
      this.#notify = update;
      return () => (this.#notify = null);
    });
    this.#subscribeTick = createSubscriber(() => {
      this.#now = this.#clock.now();
      const timer = setInterval(() => (this.#now = this.#clock.now()), TICK_MS);
      return () => clearInterval(timer);
    });
    // Measure the relay clock now and again after every reconnect (the estimate survives going offline).
    this.#stop.push(
      $effect.root(() => {
        let was = '';
        $effect(() => {
          const status = session.connection.status;
          const up = status === 'synced' || status === 'saved';
          if (up && was !== 'up') void this.#clock.sync();
          was = up ? 'up' : 'down';
        });
      })
    );
  }

  get scope(): RoundScope {
    return this.#scope;
  }

  get canSteer(): boolean {
    return this.#session.canModerate;
  }

  get state(): RoundState {
    this.#subscribe();
    return (this.#state ??= readRound(this.#session.docs.control, this.#scope));
  }

  get phase(): Phase {
    return this.state.phase;
  }

  /** The room's phase (for the facilitators' "whole room" choice). */
  get roomPhase(): Phase {
    this.#subscribe();
    return readRound(this.#session.docs.control, ROOM_SCOPE).phase;
  }

  /** The countdown as of now (re-evaluated every 250 ms while read in an effect). */
  get timer(): TimerView {
    const t = this.state.timer;
    this.#subscribeTick();
    if (!t) return { remainingMs: null, state: null, durationMs: 0 };
    // The tick only makes effects re-run; the value is always the clock's now (current outside effects too).
    void this.#now;
    const now = this.#clock.now();
    return { remainingMs: remaining(t, now), state: timerState(t, now), durationMs: t.durationMs };
  }

  /** The relay clock is measured (false: this device's own clock is used, e.g. offline since loading). */
  get clockSynced(): boolean {
    void this.#now;
    return this.#clock.synced;
  }

  // ——— facilitators' verbs ———

  /** `all`: the whole room (clears the tables' own phases). */
  setPhase(phase: Phase, scope: RoundScope = this.#scope): Result<void, SessionError> {
    return this.#edit(() => setPhase(this.#control, scope, phase, LOCAL_ORIGIN));
  }

  startTimer(minutes: number, scope: RoundScope = this.#scope): Result<void, SessionError> {
    return this.#edit(() => startTimer(this.#control, scope, minutes, this.#clock.now(), LOCAL_ORIGIN));
  }

  pauseTimer(): Result<void, SessionError> {
    return this.#edit(() => pauseTimer(this.#control, this.#scope, this.#clock.now(), LOCAL_ORIGIN));
  }

  resumeTimer(): Result<void, SessionError> {
    return this.#edit(() => resumeTimer(this.#control, this.#scope, this.#clock.now(), LOCAL_ORIGIN));
  }

  extendTimer(): Result<void, SessionError> {
    return this.#edit(() => extendTimer(this.#control, this.#scope, this.#clock.now(), LOCAL_ORIGIN));
  }

  stopTimer(): Result<void, SessionError> {
    return this.#edit(() => stopTimer(this.#control, this.#scope, LOCAL_ORIGIN));
  }

  destroy(): void {
    for (const stop of this.#stop.splice(0)) stop();
    this.#notify = null;
  }

  get #control() {
    return this.#session.docs.control;
  }

  #edit<T>(fn: () => Result<T, SessionError>): Result<T, SessionError> {
    if (!this.canSteer) return { ok: false, error: 'notAllowed' };
    return fn();
  }
}

/** The end tone, switched on per device (localStorage; off until the person turns it on). */
export class DeviceSound {
  static readonly KEY = 'slt-round-sound';
  #on = $state(false);

  constructor() {
    try {
      this.#on = globalThis.localStorage?.getItem(DeviceSound.KEY) === 'on';
    } catch {
      this.#on = false;
    }
  }

  get on(): boolean {
    return this.#on;
  }

  set(on: boolean): void {
    this.#on = on;
    try {
      globalThis.localStorage?.setItem(DeviceSound.KEY, on ? 'on' : 'off');
    } catch {
      // Storage refused (private mode): the choice holds for this page.
    }
  }
}
