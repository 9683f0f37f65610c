// The v0 → v1 migration over a saved v0 fixture (tests/fixtures/make-v0-fixtures.ts).
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import {
  addTable,
  createConferenceDocs,
  migrate,
  MigrationOrigin,
  readConference,
  readFields,
  readIdeas,
  readSchemaVersion,
  readTables,
  type ConferenceDocs
} from '../../src/lib/doc';
import type { RoomId } from '../../src/lib/model';

const fixture = (name: string): Uint8Array => readFileSync(new URL(`../fixtures/${name}`, import.meta.url));

function loadV0(): ConferenceDocs {
  const docs = createConferenceDocs('fixtureV0room' as RoomId);
  Y.applyUpdate(docs.control, fixture('v0-control.bin'));
  Y.applyUpdate(docs.shared, fixture('v0-shared.bin'));
  return docs;
}

const snapshot = (docs: ConferenceDocs) => ({
  info: readConference(docs.control),
  fields: readFields(docs.control),
  tables: readTables(docs.control),
  ideas: readIdeas(docs.shared)
});

describe('migrate v0 → v1', () => {
  test('the fixture is really v0: v1 reads see no fields, tables or ideas', () => {
    const docs = loadV0();
    expect(readSchemaVersion(docs.control)).toBeNull();
    expect(readFields(docs.control)).toEqual([]);
    expect(readTables(docs.control)).toEqual([]);
    expect(readIdeas(docs.shared)).toEqual([]);
  });

  test('control: date becomes start and end, JSON fields and the table list become maps in order', () => {
    const { control } = loadV0();
    const origins: unknown[] = [];
    control.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin));
    expect(migrate(control)).toEqual({ status: 'migrated', from: 0, to: 1 });
    expect(origins).toEqual([new MigrationOrigin(0, 1)]);
    expect(readSchemaVersion(control)).toBe(1);
    expect(readConference(control)).toEqual({
      title: 'Mitmach-Konferenz Lindau',
      region: 'Landkreis Lindau',
      startDate: '2019-10-12',
      endDate: '2019-10-12',
      venue: 'Inselhalle'
    });
    expect(readFields(control).map(({ id, name, crossCutting }) => ({ id, name, crossCutting }))).toEqual([
      { id: 'fErnaehrung', name: 'Ernährungssysteme', crossCutting: false },
      { id: 'fEnergie', name: 'Energie und Verkehr', crossCutting: false },
      { id: 'fFinanzen', name: 'Finanzen und Wirtschaft', crossCutting: false },
      { id: 'fSozial', name: 'Sozialer Zusammenhalt', crossCutting: true },
      { id: 'v0-field-4', name: 'Feld ohne Id', crossCutting: false }
    ]);
    expect(
      readTables(control).map(({ id, title, question, host, fieldId, createdAt }) => ({
        id,
        title,
        question,
        host,
        fieldId,
        createdAt
      }))
    ).toEqual([
      {
        id: 'tSolawi',
        title: 'Solidarische Landwirtschaft',
        question: 'Wie gründen wir eine Solawi?',
        host: 'Maria',
        fieldId: 'fErnaehrung',
        createdAt: 1570870000000
      },
      {
        id: 'tRepair',
        title: 'Repair-Café',
        question: '',
        host: 'Jonas',
        fieldId: null,
        createdAt: 1570870100000
      },
      { id: 'tBus', title: 'Bürgerbus', question: '', host: 'Ute', fieldId: 'fEnergie', createdAt: 0 }
    ]);
    // The v0 structures are gone.
    const conference = control.getMap('conference');
    expect(conference.has('date') || conference.has('fields')).toBe(false);
    expect(control.getArray('tableList').length).toBe(0);
  });

  test('shared: the idea list becomes a map; an idea without a table is dropped', () => {
    const { shared } = loadV0();
    expect(migrate(shared)).toEqual({ status: 'migrated', from: 0, to: 1 });
    expect(readIdeas(shared).map(({ id, tableId, text, author }) => ({ id, tableId, text, author }))).toEqual(
      [
        { id: 'i1', tableId: 'tSolawi', text: 'Ernteanteile im Dorfladen abholen', author: 'Kim' },
        { id: 'i2', tableId: 'tSolawi', text: 'Hof-Kindergarten\nmit Beeten', author: '' },
        { id: 'i3', tableId: 'tRepair', text: 'Monatlich im Pfarrheim', author: '' }
      ]
    );
    expect(shared.getArray('ideaList').length).toBe(0);
  });

  test('idempotent: a second run is current and writes nothing; commands work afterwards', () => {
    const docs = loadV0();
    migrate(docs.control);
    migrate(docs.shared);
    let updates = 0;
    docs.control.on('update', () => updates++);
    docs.shared.on('update', () => updates++);
    expect(migrate(docs.control)).toEqual({ status: 'current' });
    expect(migrate(docs.shared)).toEqual({ status: 'current' });
    expect(updates).toBe(0);
    const added = addTable(docs.control, {
      title: 'Streuobstwiese',
      fieldId: readFields(docs.control)[0]!.id
    });
    expect(added.ok).toBe(true);
    expect(readTables(docs.control).at(-1)!.title).toBe('Streuobstwiese');
  });

  test('two replicas migrating concurrently converge without duplicates', () => {
    const a = loadV0();
    const b = loadV0();
    for (const docs of [a, b]) {
      migrate(docs.control);
      migrate(docs.shared);
    }
    for (const key of ['control', 'shared'] as const) {
      const fromA = Y.encodeStateAsUpdate(a[key], Y.encodeStateVector(b[key]));
      const fromB = Y.encodeStateAsUpdate(b[key], Y.encodeStateVector(a[key]));
      Y.applyUpdate(b[key], fromA);
      Y.applyUpdate(a[key], fromB);
    }
    expect(snapshot(a)).toEqual(snapshot(b));
    expect(snapshot(a).fields.length).toBe(5);
    expect(snapshot(a).tables.length).toBe(3);
    expect(snapshot(a).ideas.length).toBe(3);
  });

  test('fresh docs: nothing to migrate, nothing written', () => {
    const docs = createConferenceDocs('fresh-room' as RoomId);
    let updates = 0;
    docs.control.on('update', () => updates++);
    expect(migrate(docs.control)).toEqual({ status: 'empty' });
    expect(migrate(docs.shared)).toEqual({ status: 'empty' });
    expect(updates).toBe(0);
  });
});
