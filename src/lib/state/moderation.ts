// What facilitators do to other people's contributions, as verbs that take the session (the first of the
// capability controllers that keep ConferenceSession from growing a verb per feature). Today: remove an
// idea (after the UI asked once) and put it back (the undo). Hiding with a reason comes with the rounds.
import { LOCAL_ORIGIN, readIdea, removeIdea, restoreIdea } from '../doc';
import type { Idea, IdeaId, Result } from '../model';
import type { ConferenceSession, SessionError } from './session.svelte';

export class IdeaModeration {
  readonly #session: ConferenceSession;

  constructor(session: ConferenceSession) {
    this.#session = session;
  }

  get allowed(): boolean {
    return this.#session.canModerate;
  }

  /** Removes the idea for everyone; answers with what it held, for the undo. */
  remove(id: IdeaId): Result<Idea, SessionError> {
    if (!this.allowed) return { ok: false, error: 'notAllowed' };
    const shared = this.#session.docs.shared;
    const idea = readIdea(shared, id);
    if (!idea) return { ok: false, error: 'notFound' };
    const removed = removeIdea(shared, id, LOCAL_ORIGIN);
    return removed.ok ? { ok: true, value: idea } : removed;
  }

  /** Puts a removed idea back as it was. */
  restore(idea: Idea): Result<void, SessionError> {
    if (!this.allowed) return { ok: false, error: 'notAllowed' };
    return restoreIdea(this.#session.docs.shared, idea, LOCAL_ORIGIN);
  }
}
