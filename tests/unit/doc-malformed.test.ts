// Reads survive malformed remote data: garbage written by a "peer" with raw Yjs calls and applied as an
// update is skipped or defaulted, never thrown; commands still work on top of it.
import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import {
  addField,
  addIdea,
  countIdeasByTable,
  createConferenceDocs,
  initConference,
  migrate,
  moveField,
  readConference,
  readFields,
  readIdeas,
  readTable,
  readTables
} from '../../src/lib/doc';
import type { FieldId, RoomId, TableId } from '../../src/lib/model';

/** A peer doc with the given guid whose writes we apply to `target` as a remote update. */
function fromPeer(target: Y.Doc, write: (peer: Y.Doc) => void): void {
  const peer = new Y.Doc({ guid: target.guid });
  Y.applyUpdate(peer, Y.encodeStateAsUpdate(target));
  const before = Y.encodeStateVector(peer);
  peer.transact(() => write(peer));
  Y.applyUpdate(target, Y.encodeStateAsUpdate(peer, before), 'remote');
}

const entity = (props: Record<string, unknown>): Y.Map<unknown> => new Y.Map(Object.entries(props));

describe('malformed remote data', () => {
  test('conference info with wrong types falls back to defaults', () => {
    const { control } = createConferenceDocs('room-malformed' as RoomId);
    fromPeer(control, (peer) => {
      const m = peer.getMap('conference');
      m.set('title', 123);
      m.set('region', ' Allgäu\u0000 \uD800');
      m.set('startDate', '2025-02-30');
      m.set('endDate', 20250101);
      m.set('venue', new Y.Map());
    });
    expect(readConference(control)).toEqual({
      title: '',
      region: 'Allgäu \uFFFD',
      startDate: null,
      endDate: null,
      venue: ''
    });
  });

  test('fields: non-map entries and bad keys are skipped, bad properties defaulted', () => {
    const { control } = createConferenceDocs('room-malformed' as RoomId);
    initConference(control, { title: 'T' }, [{ name: 'Energie', crossCutting: false }]);
    fromPeer(control, (peer) => {
      const fields = peer.getMap('fields');
      fields.set('plain', 'not a map');
      fields.set('json', { name: 'JSON field', order: 'a5' });
      fields.set('bad key!', entity({ name: 'Bad key', order: 'a6' }));
      fields.set('wrongtypes', entity({ name: 42, crossCutting: 'yes', order: { x: 1 } }));
      fields.set(
        'long',
        entity({ name: 'L'.repeat(500) + '\u0007', crossCutting: true, order: 'zzz-not-a-key' })
      );
    });
    const fields = readFields(control);
    expect(fields.map((f) => f.id)).toEqual(['wrongtypes', expect.any(String), 'long']);
    expect(fields[0]).toEqual({ id: 'wrongtypes', name: '', crossCutting: false, order: '' });
    expect(fields[2]!.name).toBe('L'.repeat(60));
    // Commands keep working over the garbage: add appends after the last valid key, move re-keys.
    const added = addField(control, { name: 'Neu' });
    expect(added.ok).toBe(true);
    expect(moveField(control, 'long' as FieldId, 0).ok).toBe(true);
    const after = readFields(control);
    expect(after[0]!.id).toBe('long');
    expect(after.map((f) => f.name)).toEqual(['L'.repeat(60), '', 'Energie', 'Neu']);
  });

  test('tables: unknown field, bad timestamps and orders are defaulted', () => {
    const { control } = createConferenceDocs('room-malformed' as RoomId);
    initConference(control, { title: 'T' });
    fromPeer(control, (peer) => {
      const tables = peer.getMap('tables');
      tables.set('t1', entity({ title: 'Dorfladen', fieldId: 'ghost', createdAt: Number.NaN, order: null }));
      tables.set(
        't2',
        entity({ title: ['x'], question: 7, host: null, fieldId: 3, createdAt: 'gestern', order: 'a1' })
      );
      tables.set('t3', new Y.Array());
    });
    expect(readTables(control)).toEqual([
      { id: 't1', title: 'Dorfladen', question: '', host: '', fieldId: null, order: '', createdAt: 0 },
      { id: 't2', title: '', question: '', host: '', fieldId: null, order: 'a1', createdAt: 0 }
    ]);
    expect(readTable(control, 't3' as TableId)).toBeNull();
  });

  test('ideas: missing or wrong table ids are skipped, text of another type is empty', () => {
    const { shared } = createConferenceDocs('room-malformed' as RoomId);
    addIdea(shared, { tableId: 'table1' as TableId, text: 'gut' });
    fromPeer(shared, (peer) => {
      const ideas = peer.getMap('ideas');
      ideas.set('i1', entity({ text: 'no table' }));
      ideas.set('i2', entity({ tableId: 5, text: 'numeric table' }));
      ideas.set(
        'i3',
        entity({ tableId: 'table1', text: new Y.Text('rich'), author: { name: 'x' }, createdAt: Infinity })
      );
      ideas.set('i4', 17);
    });
    const ideas = readIdeas(shared, 'table1' as TableId);
    expect(ideas.map((i) => i.text)).toEqual(['', 'gut']);
    expect(ideas[0]).toMatchObject({ id: 'i3', author: '', createdAt: 0 });
    expect(countIdeasByTable(shared)).toEqual(new Map([['table1', 2]]));
  });

  test('a root written as another type by an old peer is ignored', () => {
    const { shared } = createConferenceDocs('room-malformed' as RoomId);
    const peer = new Y.Doc({ guid: shared.guid });
    peer.getArray('ideas').push([{ tableId: 'table1', text: 'in an array' }]);
    Y.applyUpdate(shared, Y.encodeStateAsUpdate(peer));
    expect(readIdeas(shared)).toEqual([]);
    // A doc not made by createConferenceDocs, where the root is already an array, reads as empty.
    const odd = new Y.Doc();
    odd.getArray('fields').push([1]);
    odd.getArray('conference').push([1]);
    expect(readFields(odd)).toEqual([]);
    expect(readConference(odd).title).toBe('');
  });

  test('a peer on a newer schema: extra keys are ignored, migrate leaves the doc alone', () => {
    const { control } = createConferenceDocs('room-malformed' as RoomId);
    initConference(control, { title: 'T' }, [{ name: 'Energie', crossCutting: false }]);
    fromPeer(control, (peer) => {
      peer.getMap('meta').set('schemaVersion', 7);
      const field = peer.getMap('fields').values().next().value as Y.Map<unknown>;
      field.set('color', '#ff0');
      field.set('name', { de: 'Energie', en: 'Energy' });
    });
    expect(readFields(control)).toEqual([
      { id: expect.any(String), name: '', crossCutting: false, order: 'a0' }
    ]);
    let updates = 0;
    control.on('update', () => updates++);
    expect(migrate(control)).toEqual({ status: 'newer', version: 7 });
    expect(updates).toBe(0);
  });
});
