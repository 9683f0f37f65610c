// The programme of one conference for the screens: its days with times, what runs now and next (with a
// clock that ticks while someone looks), and the facilitators' verbs (add, edit, move, shift, run, apply
// a template). A capability controller over the session, like IdeaModeration: pages create one and
// destroy it when they unmount. Only facilitators write; everyone reads (offline too: it is the control
// document on this device).
import { createSubscriber } from 'svelte/reactivity';
import {
  addProgrammeItem,
  applyTemplate,
  LOCAL_ORIGIN,
  moveProgrammeItem,
  observeDoc,
  readProgramme,
  readRun,
  removeProgrammeItem,
  shiftFrom,
  startProgrammeItem,
  stopProgramme,
  updateProgrammeItem,
  type ItemInput
} from '../doc';
import {
  nowAndNext,
  schedule,
  type ItemId,
  type NowNext,
  type ProgrammeDay,
  type ProgrammeRun,
  type Result,
  type ScheduledItem,
  type TemplateItem
} from '../model';
import type { ConferenceSession, SessionError } from './session.svelte';

export type { ItemInput };

export class Programme {
  readonly #session: ConferenceSession;
  readonly #stop: () => void;
  #notify: (() => void) | null = null;
  readonly #subscribe: () => void;
  #days: ProgrammeDay[] | null = null;
  #run: ProgrammeRun | null = null;
  readonly #clock: Clock;

  constructor(session: ConferenceSession, clock: Clock = new Clock()) {
    this.#session = session;
    this.#clock = clock;
    this.#stop = observeDoc(session.docs.control, 'control', () => {
      this.#days = this.#run = null;
      this.#notify?.();
    });
    this.#subscribe = createSubscriber((update) => {
      this.#notify = update;
      return () => (this.#notify = null);
    });
  }

  get canEdit(): boolean {
    return this.#session.canModerate;
  }

  /** Days with their items and times, in order. */
  get days(): readonly ProgrammeDay[] {
    this.#subscribe();
    return (this.#days ??= schedule(readProgramme(this.#session.docs.control)));
  }

  get items(): readonly ScheduledItem[] {
    return this.days.flatMap((d) => d.items);
  }

  get run(): ProgrammeRun {
    this.#subscribe();
    return (this.#run ??= readRun(this.#session.docs.control));
  }

  /** What runs now and next, with the time left; re-evaluated as the clock ticks. */
  get nowNext(): NowNext {
    return nowAndNext(this.days, this.run, this.#clock.now);
  }

  // ——— facilitators' verbs ———

  add(input: ItemInput): Result<ItemId, SessionError> {
    return this.#edit(() => addProgrammeItem(this.#control, input, LOCAL_ORIGIN));
  }

  update(id: ItemId, patch: Partial<Omit<ItemInput, 'day'>>): Result<void, SessionError> {
    return this.#edit(() => updateProgrammeItem(this.#control, id, patch, LOCAL_ORIGIN));
  }

  remove(id: ItemId): Result<void, SessionError> {
    return this.#edit(() => removeProgrammeItem(this.#control, id, LOCAL_ORIGIN));
  }

  move(id: ItemId, day: number, toIndex: number): Result<void, SessionError> {
    return this.#edit(() => moveProgrammeItem(this.#control, id, day, toIndex, LOCAL_ORIGIN));
  }

  /** One place up (-1) or down (+1) within its day; at a day's edge, to the end/start of the day next to it. */
  step(id: ItemId, by: -1 | 1): Result<void, SessionError> {
    const days = this.days;
    const d = days.findIndex((day) => day.items.some((i) => i.id === id));
    const day = days[d];
    if (!day) return { ok: false, error: 'notFound' };
    const index = day.items.findIndex((i) => i.id === id);
    const to = index + by;
    if (to >= 0 && to < day.items.length) return this.move(id, day.day, to);
    const target = by < 0 ? day.day - 1 : day.day + 1;
    if (target < 0 || (by > 0 && day.items.length === 1 && d === days.length - 1))
      return { ok: true, value: undefined };
    const targetItems = days.find((x) => x.day === target)?.items.length ?? 0;
    return this.move(id, target, by < 0 ? targetItems : 0);
  }

  /** The item runs over by `minutes`: it and the rest of its day move on together. */
  shift(id: ItemId, minutes: number): Result<void, SessionError> {
    return this.#edit(() => shiftFrom(this.#control, id, minutes, LOCAL_ORIGIN));
  }

  start(id: ItemId): Result<void, SessionError> {
    return this.#edit(() => startProgrammeItem(this.#control, id, Date.now(), LOCAL_ORIGIN));
  }

  /** Starts the item after the running one (or the first); at the end, the run stops. */
  next(): Result<void, SessionError> {
    const next = this.nowNext.next;
    if (this.run.itemId !== null && !next) return this.stop();
    if (!next) return { ok: false, error: 'notFound' };
    return this.start(next.id);
  }

  stop(): Result<void, SessionError> {
    return this.#edit(() => stopProgramme(this.#control, LOCAL_ORIGIN));
  }

  /** Adds a template's items (a method card or a whole conference), template day 0 on `startDay`. */
  applyTemplate(items: readonly TemplateItem[], startDay = 0): Result<ItemId[], SessionError> {
    return this.#edit(() => applyTemplate(this.#control, items, startDay, LOCAL_ORIGIN));
  }

  destroy(): void {
    this.#stop();
    this.#notify = null;
  }

  get #control() {
    return this.#session.docs.control;
  }

  #edit<T>(fn: () => Result<T, SessionError>): Result<T, SessionError> {
    if (!this.canEdit) return { ok: false, error: 'notAllowed' };
    return fn();
  }
}

/** The time, as a rune that ticks every `everyMs` while something reads it. */
export class Clock {
  #now = $state(Date.now());
  readonly #subscribe: () => void;

  constructor(everyMs = 1000) {
    this.#subscribe = createSubscriber(() => {
      this.#now = Date.now();
      const timer = setInterval(() => (this.#now = Date.now()), everyMs);
      return () => clearInterval(timer);
    });
  }

  get now(): number {
    this.#subscribe();
    return this.#now;
  }
}
