// The moderation team's notes (facilitators' document, lib/doc/moderation-notes.ts) for one screen: the
// conference page's general notes and each table's. Only facilitator devices hold that document; on every
// other device there is nothing to read or write (and the relay would refuse it anyway).
import { createSubscriber } from 'svelte/reactivity';
import {
  addModerationNote,
  LOCAL_ORIGIN,
  MODERATION_NOTE_MAX,
  observeModerationNotes,
  readModerationNotes,
  removeModerationNote,
  type ModerationNote,
  type NoteScope
} from '../doc';
import type { NoteId, Result } from '../model';
import type { ConferenceSession, SessionError } from './session.svelte';

export type { ModerationNote, NoteScope };

export class ModerationNotes {
  readonly #session: ConferenceSession;
  readonly #subscribe: () => void;
  readonly maxLength = MODERATION_NOTE_MAX;

  constructor(session: ConferenceSession) {
    this.#session = session;
    this.#subscribe = createSubscriber((update) => {
      const doc = session.facilitatorsDoc;
      return doc ? observeModerationNotes(doc, update) : undefined;
    });
  }

  /** True on facilitator devices (they hold the facilitators' document). */
  get available(): boolean {
    return this.#session.facilitatorsDoc !== null;
  }

  notes(scope: NoteScope): ModerationNote[] {
    this.#subscribe();
    const doc = this.#session.facilitatorsDoc;
    return doc ? readModerationNotes(doc, scope) : [];
  }

  add(scope: NoteScope, text: string): Result<NoteId, SessionError> {
    const doc = this.#session.facilitatorsDoc;
    if (!doc) return { ok: false, error: 'notAllowed' };
    return addModerationNote(doc, scope, text, Date.now(), LOCAL_ORIGIN);
  }

  remove(id: NoteId): Result<void, SessionError> {
    const doc = this.#session.facilitatorsDoc;
    if (!doc) return { ok: false, error: 'notAllowed' };
    return removeModerationNote(doc, id, LOCAL_ORIGIN);
  }
}
