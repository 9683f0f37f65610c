// Moderation notes in the facilitators' document: per scope, whole notes, concurrent writers both kept.
import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import {
  addModerationNote,
  createFacilitatorsDoc,
  MODERATION_NOTE_MAX,
  readModerationNotes,
  removeModerationNote
} from '../../src/lib/doc';
import type { NoteId, RoomId, TableId } from '../../src/lib/model';

function must<T>(r: { ok: true; value: T } | { ok: false; error: string }): T {
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

const ROOM = 'room-notes-1' as RoomId;
const TABLE = 'table-aaaaaaaa' as TableId;

describe('moderation notes', () => {
  test('are kept per scope, oldest first, and removed whole', () => {
    const doc = createFacilitatorsDoc(ROOM);
    const a = must(addModerationNote(doc, 'conference', '  Mikro für Saal 2 \n', 1));
    must(addModerationNote(doc, TABLE, 'Zweite Runde nötig', 2));
    must(addModerationNote(doc, 'conference', 'Kaffee um 10', 3));
    expect(readModerationNotes(doc, 'conference').map((n) => n.text)).toEqual([
      'Mikro für Saal 2',
      'Kaffee um 10'
    ]);
    expect(readModerationNotes(doc, TABLE).map((n) => n.text)).toEqual(['Zweite Runde nötig']);
    expect(readModerationNotes(doc)).toHaveLength(3);
    must(removeModerationNote(doc, a));
    expect(readModerationNotes(doc, 'conference').map((n) => n.text)).toEqual(['Kaffee um 10']);
    expect(removeModerationNote(doc, a)).toMatchObject({ ok: false, error: 'notFound' });
  });

  test('refuse empty, too long and a scope that is no table id', () => {
    const doc = createFacilitatorsDoc(ROOM);
    expect(addModerationNote(doc, 'conference', '   ')).toMatchObject({ ok: false, error: 'empty' });
    expect(addModerationNote(doc, 'conference', 'x'.repeat(MODERATION_NOTE_MAX + 1))).toMatchObject({
      ok: false,
      error: 'tooLong'
    });
    expect(addModerationNote(doc, '../x' as TableId, 'a')).toMatchObject({ ok: false });
    expect(readModerationNotes(doc)).toEqual([]);
  });

  test('two facilitators writing at once, offline, both keep their note', () => {
    const one = createFacilitatorsDoc(ROOM);
    const two = createFacilitatorsDoc(ROOM);
    must(addModerationNote(one, TABLE, 'Von Laptop A', 5));
    must(addModerationNote(two, TABLE, 'Von Laptop B', 5));
    Y.applyUpdate(one, Y.encodeStateAsUpdate(two));
    Y.applyUpdate(two, Y.encodeStateAsUpdate(one));
    const texts = (d: Y.Doc) => readModerationNotes(d, TABLE).map((n) => n.text);
    expect(texts(one).sort()).toEqual(['Von Laptop A', 'Von Laptop B']);
    expect(texts(one)).toEqual(texts(two));
  });

  test('malformed entries from a remote write are skipped', () => {
    const doc = createFacilitatorsDoc(ROOM);
    const notes = doc.getMap('notes');
    notes.set('bad key!', { scope: 'conference', text: 'x', at: 1 });
    notes.set('aaaaaaaaaaaaaaaa', { scope: 'nowhere/..', text: 'x', at: 1 });
    notes.set('bbbbbbbbbbbbbbbb', 'just a string');
    notes.set('cccccccccccccccc', { scope: 'conference', text: 42, at: 'soon' });
    notes.set('dddddddddddddddd', { scope: 'conference', text: 'ok', at: 'soon' });
    expect(readModerationNotes(doc)).toEqual([
      { id: 'dddddddddddddddd' as NoteId, scope: 'conference', text: 'ok', at: 0 }
    ]);
  });
});
