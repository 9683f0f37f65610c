// Hiding an idea with a reason (control doc, facilitators' decision) and a person's own ideas (owner tag):
// the doc commands, what ConferenceView shows, and the OwnIdeas verbs' notion of "own".
import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import {
  addIdea,
  addTable,
  createConferenceDocs,
  hideIdea,
  initConference,
  readHiddenIdeas,
  readIdea,
  removeIdea,
  restoreIdea,
  unhideIdea,
  updateConferenceInfo
} from '../../src/lib/doc';
import { LIMITS, type IdeaId, type RoomId } from '../../src/lib/model';
import { ownerTagFor } from '../../src/lib/model/owner-tag';
import { ConferenceView } from '../../src/lib/state/conference.svelte';

function must<T>(r: { ok: true; value: T } | { ok: false; error: string }): T {
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

function setup() {
  const docs = createConferenceDocs('room-hide-1' as RoomId);
  initConference(docs.control, { title: 'Konferenz' });
  const table = must(addTable(docs.control, { title: 'Dorfladen' }));
  return { docs, table, view: new ConferenceView(docs) };
}

describe('hiding ideas', () => {
  test('hide needs a one-line reason within the limit and an idea that exists', () => {
    const { docs, table } = setup();
    const id = must(addIdea(docs.shared, { tableId: table, text: 'Laut' }));
    expect(hideIdea(docs, id, '   ')).toEqual({ ok: false, error: 'empty', field: 'reason' });
    expect(hideIdea(docs, id, 'x'.repeat(LIMITS.hiddenReason + 1))).toMatchObject({
      ok: false,
      error: 'tooLong'
    });
    expect(hideIdea(docs, 'nope-nope-nope-1' as IdeaId, 'Doppelt')).toMatchObject({ error: 'notFound' });
    must(hideIdea(docs, id, ' Doppelt –\nsiehe oben '));
    expect(readHiddenIdeas(docs.control).get(id)?.reason).toBe('Doppelt – siehe oben');
    // The idea itself is untouched: hiding lives in the control document only.
    expect(readIdea(docs.shared, id)?.text).toBe('Laut');
    must(unhideIdea(docs.control, id));
    expect(readHiddenIdeas(docs.control).size).toBe(0);
    expect(unhideIdea(docs.control, id)).toMatchObject({ ok: false, error: 'notFound' });
  });

  test('the view leaves hidden ideas out of lists and counts, and lists them with the reason', () => {
    const { docs, table, view } = setup();
    const a = must(addIdea(docs.shared, { tableId: table, text: 'A' }));
    must(addIdea(docs.shared, { tableId: table, text: 'B' }));
    const before = view.ideasFor(table);
    expect(before.map((i) => i.text).sort()).toEqual(['A', 'B']);
    must(hideIdea(docs, a, 'Beleidigend'));
    expect(view.ideasFor(table).map((i) => i.text)).toEqual(['B']);
    expect(view.ideas.map((i) => i.text)).toEqual(['B']);
    expect(view.ideaCounts.get(table)).toBe(1);
    expect(view.hiddenIdeasFor(table)).toEqual([
      { idea: expect.objectContaining({ id: a, text: 'A' }), reason: 'Beleidigend' }
    ]);
    must(unhideIdea(docs.control, a));
    expect(
      view
        .ideasFor(table)
        .map((i) => i.text)
        .sort()
    ).toEqual(['A', 'B']);
    expect(view.hiddenIdeasFor(table)).toEqual([]);
  });

  test('a control change that hides nothing keeps the list identical (no re-render)', () => {
    const { docs, table, view } = setup();
    const a = must(addIdea(docs.shared, { tableId: table, text: 'A' }));
    must(addIdea(docs.shared, { tableId: table, text: 'B' }));
    must(hideIdea(docs, a, 'Doppelt'));
    const list = view.ideasFor(table);
    updateConferenceInfo(docs.control, { venue: 'Bürgerhaus' });
    expect(view.ideasFor(table)).toBe(list);
  });

  test('two facilitators hiding one idea concurrently end with one reason on both replicas', () => {
    const one = setup();
    const id = must(addIdea(one.docs.shared, { tableId: one.table, text: 'A' }));
    const two = createConferenceDocs('room-hide-1' as RoomId);
    Y.applyUpdate(two.shared, Y.encodeStateAsUpdate(one.docs.shared));
    Y.applyUpdate(two.control, Y.encodeStateAsUpdate(one.docs.control));
    must(hideIdea(one.docs, id, 'Doppelt'));
    must(hideIdea(two, id, 'Bitte sachlich'));
    Y.applyUpdate(two.control, Y.encodeStateAsUpdate(one.docs.control));
    Y.applyUpdate(one.docs.control, Y.encodeStateAsUpdate(two.control));
    const r1 = readHiddenIdeas(one.docs.control).get(id)?.reason;
    expect(['Doppelt', 'Bitte sachlich']).toContain(r1);
    expect(readHiddenIdeas(two.control).get(id)?.reason).toBe(r1);
  });
});

describe('own ideas', () => {
  test('an idea carries the adding device’s owner tag; junk tags are not written', () => {
    const { docs, table } = setup();
    const tag = ownerTagFor('key-anna');
    const mine = must(addIdea(docs.shared, { tableId: table, text: 'Meins', ownerTag: tag }));
    const junk = must(addIdea(docs.shared, { tableId: table, text: 'X', ownerTag: '<script>' }));
    expect(readIdea(docs.shared, mine)?.ownerTag).toBe(tag);
    expect(readIdea(docs.shared, junk)?.ownerTag).toBe('');
    expect(ownerTagFor('key-anna')).toBe(tag);
    expect(ownerTagFor('key-ben')).not.toBe(tag);
  });

  test('the undo of a withdrawal keeps the tag; a restore without it gives none', () => {
    const { docs, table } = setup();
    const tag = ownerTagFor('key-anna');
    const id = must(addIdea(docs.shared, { tableId: table, text: 'Meins', ownerTag: tag }));
    const held = readIdea(docs.shared, id)!;
    must(removeIdea(docs.shared, id));
    must(restoreIdea(docs.shared, held));
    expect(readIdea(docs.shared, id)?.ownerTag).toBe(tag);
    must(removeIdea(docs.shared, id));
    const { ownerTag: _t, ...rest } = held;
    must(restoreIdea(docs.shared, rest));
    expect(readIdea(docs.shared, id)?.ownerTag).toBe('');
  });
});
