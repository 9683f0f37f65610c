// Notes of the moderation team in the facilitators' document (only facilitators read and write it; the
// relay refuses everyone else at the upgrade): what to remember about the conference or one table
// („Herr M. möchte nicht fotografiert werden“, „Tisch 3 braucht eine zweite Runde“). Each note is one
// plain value under a random id in root `notes`, so two facilitators writing at once, offline or not,
// both keep their note (no shared text to overwrite); a note is removed as a whole.
//
// | root (Y.Map) | key         | value                                                          |
// | ------------ | ----------- | -------------------------------------------------------------- |
// | `notes`      | `<NoteId>`  | plain object `{ scope: 'conference' \| TableId, text, at }`     |

import type * as Y from 'yjs';
import {
  cleanText,
  err,
  isEntityId,
  newNoteId,
  ok,
  validateText,
  type CommandError,
  type NoteId,
  type Result,
  type TableId
} from '../model';
import { LOCAL_ORIGIN, type DocOrigin } from './origin';
import { rootMap } from './schema';

export const MODERATION_NOTES = 'notes';
export const MODERATION_NOTE_MAX = 1000;

/** What a note is about: the whole conference or one table. */
export type NoteScope = 'conference' | TableId;

export interface ModerationNote {
  id: NoteId;
  scope: NoteScope;
  text: string;
  /** When it was written, ms since the epoch. */
  at: number;
}

const validScope = (scope: unknown): scope is NoteScope => scope === 'conference' || isEntityId(scope);

export function addModerationNote(
  doc: Y.Doc,
  scope: NoteScope,
  text: string,
  at: number = Date.now(),
  origin: DocOrigin = LOCAL_ORIGIN
): Result<NoteId, CommandError> {
  const notes = rootMap(doc, MODERATION_NOTES);
  if (!notes || !validScope(scope)) return err('notFound');
  const v = validateText(text, { max: MODERATION_NOTE_MAX, required: true });
  if (!v.ok) return err(v.error, 'text');
  const id = newNoteId();
  doc.transact(() => notes.set(id, { scope, text: v.value, at }), origin);
  return ok(id);
}

export function removeModerationNote(
  doc: Y.Doc,
  id: NoteId,
  origin: DocOrigin = LOCAL_ORIGIN
): Result<void, CommandError> {
  const notes = rootMap(doc, MODERATION_NOTES);
  if (!notes?.has(id)) return err('notFound');
  doc.transact(() => notes.delete(id), origin);
  return ok(undefined);
}

/** The notes of one scope (every note when omitted), oldest first; malformed entries are skipped. */
export function readModerationNotes(doc: Y.Doc, scope?: NoteScope): ModerationNote[] {
  const out: ModerationNote[] = [];
  for (const [id, value] of rootMap(doc, MODERATION_NOTES)?.entries() ?? []) {
    if (!isEntityId(id) || typeof value !== 'object' || value === null) continue;
    const v = value as { scope?: unknown; text?: unknown; at?: unknown };
    if (!validScope(v.scope) || (scope !== undefined && v.scope !== scope)) continue;
    const text = typeof v.text === 'string' ? cleanText(v.text, MODERATION_NOTE_MAX) : '';
    if (!text) continue;
    const at = typeof v.at === 'number' && Number.isFinite(v.at) ? v.at : 0;
    out.push({ id: id as NoteId, scope: v.scope, text, at });
  }
  return out.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
}

/** Calls `onChange` after every transaction that touched the notes. Returns the function that stops. */
export function observeModerationNotes(doc: Y.Doc, onChange: () => void): () => void {
  const notes = rootMap(doc, MODERATION_NOTES);
  if (!notes) return () => undefined;
  const listener = (): void => onChange();
  notes.observe(listener);
  return () => notes.unobserve(listener);
}
