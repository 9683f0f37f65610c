// ConferenceView patches its ideas per changed idea (IdeaIndex over observeIdeas) instead of reading them
// all again: after every step of a seeded random schedule of local and remote adds, edits, moves between
// tables, removals, replaced entries and malformed remote data, what it shows equals a full read, and ideas
// that did not change keep their identity. The seed is printed on failure.
import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import {
  addIdea,
  createConferenceDocs,
  observeIdeas,
  readIdeas,
  removeIdea,
  updateIdea
} from '../../src/lib/doc';
import type { IdeaId, RoomId, TableId } from '../../src/lib/model';
import { ConferenceView } from '../../src/lib/state/conference.svelte';
import { mulberry32 } from '../helpers/random';

const TABLES = ['tableAAA1', 'tableBBB2', 'tableCCC3'] as TableId[];

function full(shared: Y.Doc, table?: TableId) {
  return readIdeas(shared, table);
}

describe('ConferenceView over IdeaIndex', () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    test(`matches a full read after every step (seed ${seed})`, () => {
      const random = mulberry32(seed);
      const docs = createConferenceDocs('room-index-1' as RoomId);
      const remote = new Y.Doc({ guid: docs.shared.guid });
      Y.applyUpdate(remote, Y.encodeStateAsUpdate(docs.shared));
      remote.on('update', (u: Uint8Array) => Y.applyUpdate(docs.shared, u, 'remote'));
      const view = new ConferenceView(docs);
      const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
      for (let step = 0; step < 200; step++) {
        const before = new Map(TABLES.map((t) => [t, view.ideasFor(t)]));
        const ids = readIdeas(docs.shared).map((i) => i.id);
        const doc = random() < 0.5 ? docs.shared : remote;
        const roll = random();
        let touched: IdeaId | null = null;
        if (roll < 0.4 || ids.length === 0) {
          const r = addIdea(doc, { tableId: pick(TABLES), text: `Idee ${step}`, author: 'A' });
          if (r.ok) touched = r.value;
        } else if (roll < 0.6) {
          touched = pick(ids);
          updateIdea(doc, touched, { text: `geändert ${step}` });
        } else if (roll < 0.7) {
          touched = pick(ids);
          updateIdea(doc, touched, { tableId: pick(TABLES) });
        } else if (roll < 0.85) {
          touched = pick(ids);
          removeIdea(doc, touched);
        } else if (roll < 0.95) {
          // Several ideas in one transaction, one of them removed again.
          doc.transact(() => {
            const a = addIdea(doc, { tableId: pick(TABLES), text: `Paar ${step}a` });
            addIdea(doc, { tableId: pick(TABLES), text: `Paar ${step}b` });
            if (a.ok) removeIdea(doc, a.value);
          });
        } else {
          // A remote peer writes junk under an idea key: it must read as no idea.
          touched = pick(ids);
          remote.getMap('ideas').set(touched, 'kein Eintrag');
        }
        for (const table of TABLES) {
          const shown = view.ideasFor(table);
          expect(shown, `seed ${seed} step ${step}`).toEqual(full(docs.shared, table));
          for (const idea of shown) {
            const old = before.get(table)!.find((i) => i.id === idea.id);
            if (old && idea.id !== touched && JSON.stringify(old) === JSON.stringify(idea)) {
              expect(idea, `seed ${seed} step ${step}: identity kept`).toBe(old);
            }
          }
          expect(view.ideaCounts.get(table) ?? 0).toBe(shown.length);
        }
        expect(view.ideas).toEqual(full(docs.shared));
      }
      view.destroy();
    });
  }
});

describe('observeIdeas', () => {
  test('names the ideas a transaction touched, nested edits included, once per transaction', () => {
    const docs = createConferenceDocs('room-index-2' as RoomId);
    const seen: string[][] = [];
    const stop = observeIdeas(docs.shared, (keys) => seen.push([...keys].sort()));
    const a = addIdea(docs.shared, { tableId: TABLES[0]!, text: 'eins' });
    const b = addIdea(docs.shared, { tableId: TABLES[0]!, text: 'zwei' });
    if (!a.ok || !b.ok) throw new Error('add failed');
    docs.shared.transact(() => {
      updateIdea(docs.shared, a.value, { text: 'eins!' });
      removeIdea(docs.shared, b.value);
    });
    docs.shared.getMap('meta').set('schemaVersion', 1);
    expect(seen).toEqual([[a.value], [b.value], [a.value, b.value].sort()]);
    stop();
    updateIdea(docs.shared, a.value, { text: 'still' });
    expect(seen.length).toBe(3);
  });
});
