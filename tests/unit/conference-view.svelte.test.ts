// ConferenceView: plain frozen snapshots, cached until the document changes, reactive in effects.
// Runs in the 'svelte' vitest project (browser conditions), so $effect runs here as in a browser.
import { flushSync } from 'svelte';
import { describe, expect, test, vi } from 'vitest';
import * as Y from 'yjs';
import {
  addField,
  addIdea,
  addTable,
  createConferenceDocs,
  initConference,
  removeIdea,
  updateConferenceInfo
} from '../../src/lib/doc';
import type { RoomId, TableId } from '../../src/lib/model';
import { ConferenceView } from '../../src/lib/state/conference.svelte';

function setup() {
  const docs = createConferenceDocs('room-view-1' as RoomId);
  initConference(docs.control, { title: 'Konferenz' });
  return { docs, view: new ConferenceView(docs) };
}

function must<T>(r: { ok: true; value: T } | { ok: false; error: string }): T {
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

describe('ConferenceView', () => {
  test('snapshots are plain, frozen and cached until a change', () => {
    const { docs, view } = setup();
    const fields = view.fields;
    expect(fields.length).toBe(6);
    expect(Object.isFrozen(fields) && Object.isFrozen(fields[0])).toBe(true);
    expect(view.fields).toBe(fields);
    expect(JSON.parse(JSON.stringify(view.info))).toEqual(view.info);
    addField(docs.control, { name: 'Zusammenleben' });
    expect(view.fields).not.toBe(fields);
    expect(view.fields.length).toBe(7);
  });

  test('shared changes leave control snapshots untouched and vice versa', () => {
    const { docs, view } = setup();
    const table = must(addTable(docs.control, { title: 'Dorfladen' }));
    const tables = view.tables;
    const ideas = view.ideasFor(table);
    addIdea(docs.shared, { tableId: table, text: 'Regionalregal' });
    expect(view.tables).toBe(tables);
    expect(view.ideasFor(table)).not.toBe(ideas);
    expect(view.ideasFor(table).map((i) => i.text)).toEqual(['Regionalregal']);
    expect(view.ideaCounts.get(table)).toBe(1);
    const counts = view.ideaCounts;
    updateConferenceInfo(docs.control, { venue: 'Turnhalle' });
    expect(view.ideaCounts).toBe(counts);
    expect(view.info.venue).toBe('Turnhalle');
  });

  test('remote updates reach the view', () => {
    const { docs, view } = setup();
    const remote = new Y.Doc({ guid: docs.shared.guid });
    addIdea(remote, { tableId: 'table123' as TableId, text: 'von weit weg' });
    Y.applyUpdate(docs.shared, Y.encodeStateAsUpdate(remote), 'provider');
    expect(view.ideasFor('table123' as TableId).map((i) => i.text)).toEqual(['von weit weg']);
  });

  test('effects rerun on changes of what they read, and stop after destroy', () => {
    const { docs, view } = setup();
    const table = must(addTable(docs.control, { title: 'Energie' }));
    const titles: string[] = [];
    const counts: number[] = [];
    const cleanup = $effect.root(() => {
      $effect(() => {
        titles.push(view.info.title);
      });
      $effect(() => {
        counts.push(view.ideaCounts.get(table) ?? 0);
      });
    });
    flushSync();
    expect(titles).toEqual(['Konferenz']);
    expect(counts).toEqual([0]);
    const idea = must(addIdea(docs.shared, { tableId: table, text: 'PV' }));
    flushSync();
    expect(counts).toEqual([0, 1]);
    expect(titles).toEqual(['Konferenz']);
    updateConferenceInfo(docs.control, { title: 'Neu' });
    flushSync();
    expect(titles).toEqual(['Konferenz', 'Neu']);
    removeIdea(docs.shared, idea);
    flushSync();
    expect(counts).toEqual([0, 1, 0]);
    cleanup();
    view.destroy();
    updateConferenceInfo(docs.control, { title: 'Später' });
    flushSync();
    expect(titles).toEqual(['Konferenz', 'Neu']);
  });
});

describe('ConferenceView with settleMs', () => {
  test('re-renders for ideas at once, then at most once per window, reads always current', async () => {
    const docs = createConferenceDocs('room-view-2' as RoomId);
    initConference(docs.control, { title: 'Konferenz' });
    const view = new ConferenceView(docs, { settleMs: 80 });
    const table = must(addTable(docs.control, { title: 'Energie' }));
    const counts: number[] = [];
    const cleanup = $effect.root(() => {
      $effect(() => {
        counts.push(view.ideaCounts.get(table) ?? 0);
      });
    });
    flushSync();
    addIdea(docs.shared, { tableId: table, text: 'eins' });
    flushSync();
    expect(counts).toEqual([0, 1]);
    addIdea(docs.shared, { tableId: table, text: 'zwei' });
    addIdea(docs.shared, { tableId: table, text: 'drei' });
    flushSync();
    expect(counts).toEqual([0, 1]);
    expect(view.ideasFor(table).length).toBe(3);
    await new Promise((resolve) => setTimeout(resolve, 120));
    flushSync();
    expect(counts).toEqual([0, 1, 3]);
    cleanup();
    view.destroy();
  });

  test("while the person types, others' ideas wait for the slower pace (reads stay current)", async () => {
    vi.useFakeTimers();
    try {
      const docs = createConferenceDocs('room-view-3' as RoomId);
      initConference(docs.control, { title: 'Konferenz' });
      const view = new ConferenceView(docs, { settleMs: 80 });
      const table = must(addTable(docs.control, { title: 'Energie' }));
      const counts: number[] = [];
      const cleanup = $effect.root(() => {
        $effect(() => {
          counts.push(view.ideaCounts.get(table) ?? 0);
        });
      });
      flushSync();
      addIdea(docs.shared, { tableId: table, text: 'eins' });
      flushSync();
      view.typing();
      addIdea(docs.shared, { tableId: table, text: 'zwei' });
      vi.advanceTimersByTime(200); // past settleMs: without typing this idea would show now
      flushSync();
      expect(counts).toEqual([0, 1]);
      expect(view.ideasFor(table).length).toBe(2);
      vi.advanceTimersByTime(1500);
      flushSync();
      expect(counts).toEqual([0, 1, 2]);
      cleanup();
      view.destroy();
    } finally {
      vi.useRealTimers();
    }
  });
});
