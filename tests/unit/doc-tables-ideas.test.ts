// Commands and reads of Thementische (control document) and ideas (shared document).
import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import {
  addIdea,
  addTable,
  countIdeasByTable,
  createConferenceDocs,
  initConference,
  moveTable,
  readIdea,
  readFields,
  readIdeas,
  readSchemaVersion,
  readTable,
  readTables,
  removeIdea,
  removeTable,
  updateIdea,
  updateTable
} from '../../src/lib/doc';
import { LIMITS, type FieldId, type IdeaId, type RoomId, type TableId } from '../../src/lib/model';

function setup() {
  const docs = createConferenceDocs('room-test-2' as RoomId);
  initConference(docs.control, { title: 'T' });
  return docs;
}

function must<T>(r: { ok: true; value: T } | { ok: false; error: string }): T {
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

describe('tables', () => {
  test('add appends with cleaned text and defaults', () => {
    const { control } = setup();
    const before = Date.now();
    const a = must(addTable(control, { title: ' Dorfladen ', question: 'Wie?\r\nWer?', host: 'Eva\tM.' }));
    const b = must(addTable(control, { title: 'Repair-Café' }));
    expect(readTables(control).map((t) => t.id)).toEqual([a, b]);
    const table = readTable(control, a)!;
    expect(table).toMatchObject({
      title: 'Dorfladen',
      question: 'Wie?\nWer?',
      host: 'Eva M.',
      fieldId: null
    });
    expect(table.createdAt).toBeGreaterThanOrEqual(before);
    expect(readTable(control, 'missing' as TableId)).toBeNull();
  });

  test('validation errors name the field', () => {
    const { control } = setup();
    expect(addTable(control, { title: '\n' })).toEqual({ ok: false, error: 'empty', field: 'title' });
    expect(addTable(control, { title: 'T', question: 'q'.repeat(LIMITS.question + 1) })).toEqual({
      ok: false,
      error: 'tooLong',
      field: 'question'
    });
    expect(addTable(control, { title: 'T', fieldId: 'gone' as FieldId })).toEqual({
      ok: false,
      error: 'unknownField',
      field: 'fieldId'
    });
    expect(readTables(control)).toEqual([]);
  });

  test('update patches given properties only; remove and move', () => {
    const { control } = setup();
    const a = must(addTable(control, { title: 'A', question: 'Q', host: 'H' }));
    const b = must(addTable(control, { title: 'B' }));
    const c = must(addTable(control, { title: 'C' }));
    const field = readFields(control)[0]!.id;
    expect(updateTable(control, a, { question: 'Neu?', fieldId: field }).ok).toBe(true);
    expect(readTable(control, a)).toMatchObject({ title: 'A', question: 'Neu?', host: 'H', fieldId: field });
    expect(updateTable(control, a, { fieldId: null }).ok).toBe(true);
    expect(readTable(control, a)!.fieldId).toBeNull();
    expect(updateTable(control, a, { title: '' })).toEqual({ ok: false, error: 'empty', field: 'title' });
    expect(moveTable(control, c, 0).ok).toBe(true);
    expect(readTables(control).map((t) => t.id)).toEqual([c, a, b]);
    expect(removeTable(control, a).ok).toBe(true);
    expect(readTables(control).map((t) => t.id)).toEqual([c, b]);
    expect(updateTable(control, a, { title: 'X' })).toEqual({ ok: false, error: 'notFound' });
    expect(removeTable(control, a)).toEqual({ ok: false, error: 'notFound' });
    expect(moveTable(control, a, 0)).toEqual({ ok: false, error: 'notFound' });
  });
});

describe('ideas', () => {
  test('add, read per table, count, update, move to another table, remove', () => {
    const { control, shared } = setup();
    const t1 = must(addTable(control, { title: 'Energie' }));
    const t2 = must(addTable(control, { title: 'Mobilität' }));
    expect(readSchemaVersion(shared)).toBeNull();
    const i1 = must(
      addIdea(shared, { tableId: t1, text: ' Bürgerenergie-\nGenossenschaft ', author: 'Ali' })
    );
    const i2 = must(addIdea(shared, { tableId: t1, text: 'Solar auf Schuldächer' }));
    const i3 = must(addIdea(shared, { tableId: t2, text: 'Rufbus' }));
    expect(readSchemaVersion(shared)).toBe(1);
    expect(readIdea(shared, i1)).toMatchObject({
      tableId: t1,
      text: 'Bürgerenergie-\nGenossenschaft',
      author: 'Ali'
    });
    expect(
      readIdeas(shared, t1)
        .map((i) => i.id)
        .sort()
    ).toEqual([i1, i2].sort());
    expect(readIdeas(shared).length).toBe(3);
    expect(countIdeasByTable(shared)).toEqual(
      new Map([
        [t1, 2],
        [t2, 1]
      ])
    );
    expect(updateIdea(shared, i2, { text: 'PV auf Schuldächern', tableId: t2 }).ok).toBe(true);
    expect(
      readIdeas(shared, t2)
        .map((i) => i.text)
        .sort()
    ).toEqual(['PV auf Schuldächern', 'Rufbus']);
    expect(removeIdea(shared, i3).ok).toBe(true);
    expect(countIdeasByTable(shared)).toEqual(
      new Map([
        [t1, 1],
        [t2, 1]
      ])
    );
    expect(removeIdea(shared, i3)).toEqual({ ok: false, error: 'notFound' });
    expect(updateIdea(shared, i3, { text: 'x' })).toEqual({ ok: false, error: 'notFound' });
    expect(readIdea(shared, 'nope' as IdeaId)).toBeNull();
  });

  test('validation', () => {
    const { shared } = setup();
    const t = 'tableid1' as TableId;
    expect(addIdea(shared, { tableId: t, text: '  ' })).toEqual({ ok: false, error: 'empty', field: 'text' });
    expect(addIdea(shared, { tableId: t, text: 'x'.repeat(LIMITS.ideaText + 1) })).toEqual({
      ok: false,
      error: 'tooLong',
      field: 'text'
    });
    expect(addIdea(shared, { tableId: 'bad id!' as TableId, text: 'x' })).toEqual({
      ok: false,
      error: 'notFound',
      field: 'tableId'
    });
    expect(addIdea(shared, { tableId: t, text: 'x', author: 'a'.repeat(61) })).toEqual({
      ok: false,
      error: 'tooLong',
      field: 'author'
    });
    expect(readIdeas(shared)).toEqual([]);
  });

  test('ideas are sorted by createdAt then id', () => {
    const { shared } = setup();
    const t = 'tableid1' as TableId;
    const ids = Array.from({ length: 5 }, (_, i) => must(addIdea(shared, { tableId: t, text: `idea ${i}` })));
    const ideas = shared.getMap('ideas');
    // Same timestamp for all but the last, which is the oldest.
    shared.transact(() => {
      for (const id of ids) (ideas.get(id) as Y.Map<unknown>).set('createdAt', 1000);
      (ideas.get(ids[4]!) as Y.Map<unknown>).set('createdAt', 5);
    });
    const expected = [ids[4]!, ...ids.slice(0, 4).sort()];
    expect(readIdeas(shared, t).map((i) => i.id)).toEqual(expected);
  });

  test('one transaction per command, an update that changes nothing sends nothing', () => {
    const { shared } = setup();
    let updates = 0;
    shared.on('update', () => updates++);
    const i = must(addIdea(shared, { tableId: 'tableid1' as TableId, text: 'x' }));
    expect(updates).toBe(1);
    updateIdea(shared, i, { text: 'x' });
    expect(updates).toBe(1);
  });
});
