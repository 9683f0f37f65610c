// The Aktionspool of one conference: the region's own actions (control document, facilitators write),
// importing and exporting them as a versioned file, and adopting any action as an idea at a table. The
// shipped pool and the search live in lib/content and load only on the pool page.
import { createSubscriber } from 'svelte/reactivity';
import {
  addPoolActions,
  LOCAL_ORIGIN,
  observeDoc,
  readPoolActions,
  removePoolAction,
  type PoolActionInput
} from '../doc';
import {
  adoptedIdeaText,
  exportPoolFile,
  LIMITS,
  parsePoolFile,
  type IdeaId,
  type PoolAction,
  type PoolFileError,
  type Result,
  type TableId
} from '../model';
import { Ideas } from './ideas';
import type { ConferenceSession, SessionError } from './session.svelte';

export type { PoolActionInput };

export class ActionPool {
  readonly #session: ConferenceSession;
  readonly #stop: () => void;
  #notify: (() => void) | null = null;
  readonly #subscribe: () => void;
  #own: PoolAction[] | null = null;

  constructor(session: ConferenceSession) {
    this.#session = session;
    this.#stop = observeDoc(session.docs.control, 'control', () => {
      this.#own = null;
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

  /** The region's own actions, oldest first. */
  get own(): readonly PoolAction[] {
    this.#subscribe();
    return (this.#own ??= readPoolActions(this.#session.docs.control));
  }

  add(input: PoolActionInput): Result<string, SessionError> {
    if (!this.canEdit) return { ok: false, error: 'notAllowed' };
    const r = addPoolActions(this.#session.docs.control, [input], LOCAL_ORIGIN);
    return r.ok ? { ok: true, value: r.value[0] as string } : r;
  }

  remove(id: string): Result<void, SessionError> {
    if (!this.canEdit) return { ok: false, error: 'notAllowed' };
    return removePoolAction(this.#session.docs.control, id, LOCAL_ORIGIN);
  }

  /** Reads an exchange file and adds all its actions, or none with the reason. */
  import(text: string): Result<number, PoolFileError | SessionError> {
    if (!this.canEdit) return { ok: false, error: 'notAllowed' };
    const parsed = parsePoolFile(text);
    if (!parsed.ok) return parsed;
    const r = addPoolActions(this.#session.docs.control, parsed.value, LOCAL_ORIGIN);
    return r.ok ? { ok: true, value: r.value.length } : r;
  }

  /** The exchange file of the region's own actions. */
  exportFile(): string {
    return exportPoolFile(this.own);
  }

  /** The action becomes an idea at the table, its first steps filled in. */
  adopt(action: PoolAction, tableId: TableId, firstStepsLabel: string): Result<IdeaId, SessionError> {
    const text = adoptedIdeaText(action, firstStepsLabel, LIMITS.ideaText);
    return new Ideas(this.#session).add(tableId, text);
  }

  destroy(): void {
    this.#stop();
    this.#notify = null;
  }
}
