// Adding ideas, the verb of the table page and the Aktionspool's adoption: the role, the closed round and
// a reload of the shared document checked, into the sealed document while the table is sealed, with this
// person's name unless they add it anonymously, and with this device's owner tag (model/owner-tag.ts), by
// which OwnIdeas later knows the idea as theirs. A capability controller beside OwnIdeas and IdeaModeration.
import { addIdea, LOCAL_ORIGIN } from '../doc';
import { ownerTagFor } from '../model/owner-tag';
import type { IdeaId, Result, TableId } from '../model';
import type { ConferenceSession, SessionError } from './session.svelte';

/** This device's owner tag for the session's conference (its ideas and initiatives carry it). */
export function ownerTagOf(session: { roomId: string; record: { participantKey?: string } }): string {
  return ownerTagFor(session.record.participantKey ?? session.roomId);
}

export class Ideas {
  readonly #session: ConferenceSession;

  constructor(session: ConferenceSession) {
    this.#session = session;
  }

  /** This device's owner tag for this conference (ideas it adds carry it). */
  get ownerTag(): string {
    return ownerTagOf(this.#session);
  }

  /** Adds an idea; `anonymous` leaves the name off this one (the relay still knows whose it is). */
  add(tableId: TableId, text: string, options: { anonymous?: boolean } = {}): Result<IdeaId, SessionError> {
    const session = this.#session;
    if (!session.canWrite) return { ok: false, error: 'notAllowed' };
    // While the shared document is being reloaded nothing may be written to either replica.
    if (!session.canAddIdeas || session.resettingShared) return { ok: false, error: 'locked' };
    // Into this participant's sealed document while the table is sealed (sealed.svelte.ts).
    const target = session.sealed.targetDocForIdeas(tableId);
    const author = options.anonymous ? '' : session.authorName;
    return addIdea(target, { tableId, text, author, ownerTag: this.ownerTag }, LOCAL_ORIGIN);
  }
}
