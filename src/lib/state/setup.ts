// What facilitators set up in the control document: the conference's info, its Handlungsfelder (fields) and
// Thementische (tables), and the room lock that closes the round for participants. One command each, one
// transaction, a Result back (never throws for bad input). A capability controller beside IdeaModeration.
import {
  addField,
  addTable,
  LOCAL_ORIGIN,
  lockBoard,
  removeField,
  removeTable,
  renameField,
  unlockBoard,
  updateConferenceInfo,
  updateTable,
  type InfoPatch,
  type TableInput
} from '../doc';
import type { CommandError, FieldId, Result, TableId } from '../model';
import type * as Y from 'yjs';
import type { ConferenceSession, SessionError } from './session.svelte';

export type { InfoPatch, TableInput };

export class ConferenceSetup {
  readonly #session: ConferenceSession;

  constructor(session: ConferenceSession) {
    this.#session = session;
  }

  /** Facilitators only: the relay refuses everyone else's writes to the control document. */
  get allowed(): boolean {
    return this.#session.canModerate;
  }

  updateInfo(patch: InfoPatch): Result<void, SessionError> {
    return this.#run((control) => updateConferenceInfo(control, patch, LOCAL_ORIGIN));
  }

  addField(name: string): Result<FieldId, SessionError> {
    return this.#run((control) => addField(control, { name }, LOCAL_ORIGIN));
  }

  renameField(id: FieldId, name: string): Result<void, SessionError> {
    return this.#run((control) => renameField(control, id, name, LOCAL_ORIGIN));
  }

  removeField(id: FieldId): Result<void, SessionError> {
    return this.#run((control) => removeField(control, id, LOCAL_ORIGIN));
  }

  addTable(input: TableInput): Result<TableId, SessionError> {
    return this.#run((control) => addTable(control, input, LOCAL_ORIGIN));
  }

  updateTable(id: TableId, patch: Partial<TableInput>): Result<void, SessionError> {
    return this.#run((control) => updateTable(control, id, patch, LOCAL_ORIGIN));
  }

  removeTable(id: TableId): Result<void, SessionError> {
    return this.#run((control) => removeTable(control, id, LOCAL_ORIGIN));
  }

  /** Closes (true) or opens (false) the round for participants. */
  setLocked(locked: boolean): Result<void, SessionError> {
    return this.#run((control) => (locked ? lockBoard : unlockBoard)(control, LOCAL_ORIGIN));
  }

  #run<T>(command: (control: Y.Doc) => Result<T, CommandError>): Result<T, SessionError> {
    if (!this.allowed) return { ok: false, error: 'notAllowed' };
    return command(this.#session.docs.control);
  }
}
