// Presence (issue 11): how many devices are in the conference and at each Thementisch, from the shared
// document's Yjs awareness (no names: each device only says where it is and in which role). The relay
// passes awareness on without reading it. One Presence per session (`presenceFor`): the conference layout
// says where this device is (`setHere`), screens read the counts. A projector says it is one and is not
// counted (it is nobody's phone). Offline it shows the last counts the relay sent, then only this device.
import { createSubscriber } from 'svelte/reactivity';
import type { Awareness } from 'y-protocols/awareness';
import {
  countPresence,
  PRESENCE_FIELD as FIELD,
  type PresenceCounts,
  type PresenceState,
  type TableId
} from '../model';

export type { PresenceCounts };
import type { ConferenceSession } from './session.svelte';

export class Presence {
  readonly #session: ConferenceSession;
  #awareness: Awareness | null = null;
  #here: PresenceState;
  #counts: PresenceCounts | null = null;
  #notify: (() => void) | null = null;
  readonly #subscribe: () => void;
  readonly #stopRoot: () => void;

  constructor(session: ConferenceSession) {
    this.#session = session;
    this.#here = { table: null, role: session.role };
    this.#subscribe = createSubscriber((update) => {
      this.#notify = update;
      return () => (this.#notify = null);
    });
    // The shared document (and with it the awareness) is replaced after a refused write: follow it.
    this.#stopRoot = $effect.root(() => {
      $effect(() => this.#bind(session.connection.awareness));
    });
  }

  /** Where this device is: a table (or null) and whether it is a projector. */
  setHere(table: TableId | null, projector = false): void {
    this.#here = { table, role: projector ? 'projector' : this.#session.role };
    this.#publish();
  }

  get counts(): PresenceCounts {
    this.#subscribe();
    return (this.#counts ??= countPresence(this.#awareness?.getStates().values() ?? [this.#stateOfHere()]));
  }

  atTable(table: TableId): number {
    return this.counts.byTable.get(table) ?? 0;
  }

  destroy(): void {
    this.#stopRoot();
    this.#bind(null);
    if (cache.get(this.#session) === this) cache.delete(this.#session);
  }

  #stateOfHere(): Record<string, unknown> {
    return { [FIELD]: { table: this.#here.table, role: this.#here.role } };
  }

  #publish(): void {
    this.#awareness?.setLocalStateField(FIELD, { table: this.#here.table, role: this.#here.role });
  }

  #bind(awareness: Awareness | null): void {
    if (awareness === this.#awareness) return;
    this.#awareness?.off('change', this.#changed);
    this.#awareness = awareness;
    awareness?.on('change', this.#changed);
    this.#publish();
    this.#changed();
  }

  #changed = (): void => {
    this.#counts = null;
    this.#notify?.();
  };
}

const cache = new WeakMap<ConferenceSession, Presence>();

/** The session's one Presence (made on first use, dropped with the session). */
export function presenceFor(session: ConferenceSession): Presence {
  let p = cache.get(session);
  if (!p) {
    p = new Presence(session);
    cache.set(session, p);
  }
  return p;
}
