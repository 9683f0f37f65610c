// What facilitators do to other people's contributions, as verbs that take the session (the first of the
// capability controllers that keep ConferenceSession from growing a verb per feature). Today: remove an
// idea (after the UI asked once) and put it back (the undo); hide an idea with a reason its author sees,
// and show it again (lib/doc/idea-moderation.ts).
import { hideIdea, LOCAL_ORIGIN, readIdea, removeIdea, restoreIdea, unhideIdea } from '../doc';
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
    // Without the owner tag: restored by this device, the idea is no longer its author's to edit.
    const { ownerTag: _tag, ...rest } = idea;
    return restoreIdea(this.#session.docs.shared, rest, LOCAL_ORIGIN);
  }

  /** Hides the idea from everyone but its author (who sees the reason) and facilitators. */
  hide(id: IdeaId, reason: string): Result<void, SessionError> {
    if (!this.allowed) return { ok: false, error: 'notAllowed' };
    return hideIdea(this.#session.docs, id, reason, LOCAL_ORIGIN);
  }

  /** Shows a hidden idea to everyone again. */
  unhide(id: IdeaId): Result<void, SessionError> {
    if (!this.allowed) return { ok: false, error: 'notAllowed' };
    return unhideIdea(this.#session.docs.control, id, LOCAL_ORIGIN);
  }
}
