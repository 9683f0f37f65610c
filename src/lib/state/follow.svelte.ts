// Follow-me (issue 11): the facilitators bring every phone to one view (a table, its results, the
// Landkarte, the programme) with one action; a person can leave it and come back with one tap, or stop
// following. What is shown lives in the control document (`follow.current`, lib/doc/rounds.ts); whether
// this device follows by itself and which request it already obeyed are device settings (localStorage,
// per conference). Facilitators never follow (they steer). Routes map a target to an address.
import { createSubscriber } from 'svelte/reactivity';
import { followMe, LOCAL_ORIGIN, observeDoc, readFollow, stopFollow } from '../doc';
import type { FollowState, FollowTarget, Result } from '../model';
import { relayClockFor } from '../sync/clock';
import type { ConferenceSession, SessionError } from './session.svelte';

export type { FollowTarget };

const storage = (): Storage | null => {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
};

export const sameTarget = (a: FollowTarget, b: FollowTarget): boolean =>
  a.kind === b.kind && ('tableId' in a ? 'tableId' in b && a.tableId === b.tableId : true);

export class Follow {
  readonly #session: ConferenceSession;
  readonly #stop: () => void;
  #notify: (() => void) | null = null;
  readonly #subscribe: () => void;
  #current: FollowState | null | undefined = undefined;
  #auto = $state(true);
  #seen = $state(0);

  constructor(session: ConferenceSession) {
    this.#session = session;
    this.#stop = observeDoc(session.docs.control, 'control', () => {
      this.#current = undefined;
      this.#notify?.();
    });
    this.#subscribe = createSubscriber((update) => {
      this.#notify = update;
      return () => (this.#notify = null);
    });
    const s = storage();
    this.#auto = s?.getItem(this.#key('auto')) !== 'off';
    this.#seen = Number(s?.getItem(this.#key('seen')) ?? 0) || 0;
  }

  /** What the facilitators show everyone now (null: nothing). */
  get current(): FollowState | null {
    this.#subscribe();
    if (this.#current === undefined) this.#current = readFollow(this.#session.docs.control);
    return this.#current;
  }

  /** Facilitators steer; everyone else may follow. */
  get canBring(): boolean {
    return this.#session.canModerate;
  }

  /** This device goes along by itself (participants and viewers; on unless turned off here). */
  get auto(): boolean {
    return !this.canBring && this.#auto;
  }

  setAuto(on: boolean): void {
    this.#auto = on;
    storage()?.setItem(this.#key('auto'), on ? 'on' : 'off');
  }

  /**
   * A request this device has not obeyed yet and should (auto on): the caller navigates and calls
   * `obeyed`. Leaving afterwards does not bring the person back until the next request.
   */
  get pending(): FollowState | null {
    const current = this.current;
    if (!current || !this.auto || current.seq <= this.#seen) return null;
    return current;
  }

  obeyed(state: FollowState): void {
    this.#seen = Math.max(this.#seen, state.seq);
    storage()?.setItem(this.#key('seen'), String(this.#seen));
  }

  /** "Alle hierher holen". */
  bring(target: FollowTarget): Result<void, SessionError> {
    if (!this.canBring) return { ok: false, error: 'notAllowed' };
    const clock = relayClockFor(this.#session.relay.base, this.#session.relay.fetch);
    return followMe(this.#session.docs.control, target, clock.now(), LOCAL_ORIGIN);
  }

  /** Nobody is brought anywhere any more. */
  end(): Result<void, SessionError> {
    if (!this.canBring) return { ok: false, error: 'notAllowed' };
    return stopFollow(this.#session.docs.control, LOCAL_ORIGIN);
  }

  destroy(): void {
    this.#stop();
    this.#notify = null;
  }

  #key(name: string): string {
    return `slt-follow-${name}:${this.#session.roomId}`;
  }
}
