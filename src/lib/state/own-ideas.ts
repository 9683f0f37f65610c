// What a person does to their own ideas: edit the text, withdraw it (with an undo). "Own" is what this
// device wrote (the idea's owner tag, model/owner-tag.ts); the relay enforces it anyway by Yjs client ids.
// An idea still sealed lives in the person's sealed document until the reveal, so verbs act where the
// idea is. The second of the capability controllers beside IdeaModeration.
import { LOCAL_ORIGIN, readIdea, removeIdea, restoreIdea, tableScope, updateIdea } from '../doc';
import type { Idea, Result } from '../model';
import type * as Y from 'yjs';
import { ownerTagOf } from './ideas';
import type { ConferenceSession, SessionError } from './session.svelte';

export class OwnIdeas {
  readonly #session: ConferenceSession;

  constructor(session: ConferenceSession) {
    this.#session = session;
  }

  /** True for an idea this device added, while this person may write ideas now. */
  isOwn(idea: Readonly<Idea>): boolean {
    return !!idea.ownerTag && idea.ownerTag === ownerTagOf(this.#session) && this.#session.canAddIdeas;
  }

  /** Replaces the idea's text (validated like a new idea). */
  edit(idea: Readonly<Idea>, text: string): Result<void, SessionError> {
    const doc = this.#docOf(idea);
    if (!doc) return { ok: false, error: 'notAllowed' };
    return updateIdea(doc, idea.id, { text }, LOCAL_ORIGIN);
  }

  /** Withdraws the idea for everyone; answers with what it held, for the undo. */
  withdraw(idea: Readonly<Idea>): Result<Idea, SessionError> {
    const doc = this.#docOf(idea);
    if (!doc) return { ok: false, error: 'notAllowed' };
    const held = readIdea(doc, idea.id);
    if (!held) return { ok: false, error: 'notFound' };
    const removed = removeIdea(doc, idea.id, LOCAL_ORIGIN);
    return removed.ok ? { ok: true, value: held } : removed;
  }

  /** The undo of withdraw: the idea back as it was, still this person's. */
  restore(idea: Idea): Result<void, SessionError> {
    if (!this.isOwn(idea)) return { ok: false, error: 'notAllowed' };
    return restoreIdea(this.#session.sealed.targetDocForIdeas(idea.tableId), idea, LOCAL_ORIGIN);
  }

  /** The document that holds this own idea: the sealed one while it waits for the reveal, else shared. */
  #docOf(idea: Readonly<Idea>): Y.Doc | null {
    if (!this.isOwn(idea)) return null;
    const sealed = this.#session.sealed.sealedDoc(tableScope(idea.tableId));
    if (sealed && readIdea(sealed, idea.id)) return sealed;
    return this.#session.docs.shared;
  }
}
