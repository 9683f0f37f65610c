// Clusters (control doc) over a table's ideas (shared doc): commands, the board read, and what concurrent
// edits and malformed remote data read as.
import { beforeEach, describe, expect, test, vi } from 'vitest';
import * as Y from 'yjs';
import {
  addCluster,
  addIdea,
  addTable,
  createConferenceDocs,
  dissolveCluster,
  initConference,
  mergeClusters,
  moveCluster,
  placeIdeas,
  readClusterBoard,
  readClusters,
  renameCluster
} from '../../src/lib/doc';
import type { ClusterBoard, ClusterId, IdeaId, RoomId, TableId } from '../../src/lib/model';

function must<T>(r: { ok: true; value: T } | { ok: false; error: string }): T {
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

// Ideas are listed by createdAt: give each write its own millisecond.
beforeEach(() => {
  let now = 1_700_000_000_000;
  vi.spyOn(Date, 'now').mockImplementation(() => ++now);
  return () => vi.restoreAllMocks();
});

function setup(ideas = 4) {
  const docs = createConferenceDocs('room-clusters' as RoomId);
  initConference(docs.control, { title: 'T' });
  const table = must(addTable(docs.control, { title: 'Mobilität' }));
  const other = must(addTable(docs.control, { title: 'Energie' }));
  const ids: IdeaId[] = [];
  for (let i = 0; i < ideas; i++) ids.push(must(addIdea(docs.shared, { tableId: table, text: `Idee ${i}` })));
  return { ...docs, table, other, ids };
}

const shape = (b: ClusterBoard) => ({
  clusters: b.clusters.map((c) => [c.name, c.ideas.map((i) => i.text)]),
  unclustered: b.unclustered.map((i) => i.text)
});

describe('clusters', () => {
  test('add with ideas, place, order within a cluster, rename, move', () => {
    const { control, shared, table, ids } = setup();
    const a = must(addCluster(control, table, ' Radwege ', [ids[0]!, ids[1]!]));
    const b = must(addCluster(control, table, 'Bus'));
    must(placeIdeas(control, [ids[2]!], a, 0));
    must(placeIdeas(control, [ids[3]!], b));
    expect(shape(readClusterBoard(control, shared, table))).toEqual({
      clusters: [
        ['Radwege', ['Idee 2', 'Idee 0', 'Idee 1']],
        ['Bus', ['Idee 3']]
      ],
      unclustered: []
    });
    must(renameCluster(control, a, 'Radverkehr'));
    must(moveCluster(control, b, 0));
    must(placeIdeas(control, [ids[0]!], null));
    expect(shape(readClusterBoard(control, shared, table))).toEqual({
      clusters: [
        ['Bus', ['Idee 3']],
        ['Radverkehr', ['Idee 2', 'Idee 1']]
      ],
      unclustered: ['Idee 0']
    });
  });

  test('validation and unknown ids', () => {
    const { control, table, ids } = setup(1);
    expect(addCluster(control, table, '  ')).toMatchObject({ ok: false, error: 'empty' });
    expect(addCluster(control, table, 'x'.repeat(81))).toMatchObject({ ok: false, error: 'tooLong' });
    expect(addCluster(control, 'nope' as TableId, 'A')).toMatchObject({ ok: false, error: 'notFound' });
    expect(placeIdeas(control, ids, 'gone' as ClusterId)).toMatchObject({ ok: false, error: 'notFound' });
    expect(renameCluster(control, 'gone' as ClusterId, 'A')).toMatchObject({ ok: false, error: 'notFound' });
    const a = must(addCluster(control, table, 'A'));
    expect(mergeClusters(control, a, a)).toMatchObject({ ok: false });
    expect(dissolveCluster(control, 'gone' as ClusterId)).toMatchObject({ ok: false, error: 'notFound' });
  });

  test('merge moves every idea after the target’s and removes the source; dissolve unclusters', () => {
    const { control, shared, table, ids } = setup();
    const a = must(addCluster(control, table, 'A', [ids[0]!, ids[1]!]));
    const b = must(addCluster(control, table, 'B', [ids[2]!]));
    must(mergeClusters(control, a, b));
    expect(shape(readClusterBoard(control, shared, table))).toEqual({
      clusters: [['B', ['Idee 2', 'Idee 0', 'Idee 1']]],
      unclustered: ['Idee 3']
    });
    must(dissolveCluster(control, b));
    expect(shape(readClusterBoard(control, shared, table))).toEqual({
      clusters: [],
      unclustered: ['Idee 0', 'Idee 1', 'Idee 2', 'Idee 3']
    });
  });

  test('clusters belong to their table; a placement in another table’s cluster reads as unclustered', () => {
    const { control, shared, table, other, ids } = setup(2);
    const elsewhere = must(addCluster(control, other, 'Solar'));
    must(placeIdeas(control, [ids[0]!], elsewhere));
    expect(readClusters(control, table)).toEqual([]);
    expect(shape(readClusterBoard(control, shared, table)).unclustered).toEqual(['Idee 0', 'Idee 1']);
    expect(readClusterBoard(control, shared, other).clusters[0]?.ideas).toEqual([]);
  });

  test('a concurrent move into a cluster that is merged away elsewhere keeps the idea (unclustered)', () => {
    const { control, shared, table, ids } = setup(3);
    const a = must(addCluster(control, table, 'A', [ids[0]!]));
    const b = must(addCluster(control, table, 'B'));
    const peer = new Y.Doc();
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(control));
    must(mergeClusters(control, a, b));
    must(placeIdeas(peer, [ids[1]!], a));
    Y.applyUpdate(control, Y.encodeStateAsUpdate(peer));
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(control));
    const board = shape(readClusterBoard(control, shared, table));
    expect(board).toEqual({ clusters: [['B', ['Idee 0']]], unclustered: ['Idee 1', 'Idee 2'] });
    expect(shape(readClusterBoard(peer, shared, table))).toEqual(board);
  });

  test('malformed remote entries are skipped or read as unclustered', () => {
    const { control, shared, table, ids } = setup(3);
    const a = must(addCluster(control, table, 'A', [ids[0]!]));
    control.transact(() => {
      control.getMap('clusters').set('bad', 'not a map');
      const placement = control.getMap('placement');
      placement.set(ids[1]!, 'nonsense');
      placement.set(ids[2]!, { cluster: 42, order: 7 });
      placement.set('x y', { cluster: a, order: 'a0' });
    });
    expect(shape(readClusterBoard(control, shared, table))).toEqual({
      clusters: [['A', ['Idee 0']]],
      unclustered: ['Idee 1', 'Idee 2']
    });
    // Equal keys from two replicas: a later insert between them re-keys the cluster, order stays total.
    control.getMap('placement').set(ids[1]!, { cluster: a, order: 'a0' });
    control.getMap('placement').set(ids[0]!, { cluster: a, order: 'a0' });
    must(placeIdeas(control, [ids[2]!], a, 1));
    const names = readClusterBoard(control, shared, table).clusters[0]!.ideas.map((i) => i.id);
    expect(names).toHaveLength(3);
    expect(names[1]).toBe(ids[2]);
  });
});
