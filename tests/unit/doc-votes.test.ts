// Dot votes: the vote in the control doc, each person's ballot as their own entry in the shared doc, and
// the one deterministic rule for ballots a modified client wrote.
import { beforeEach, describe, expect, test, vi } from 'vitest';
import * as Y from 'yjs';
import {
  addCluster,
  addIdea,
  addTable,
  createConferenceDocs,
  initConference,
  readBallot,
  readVoteResult,
  readVotes,
  setBallotPoints,
  setVoteState,
  startVote
} from '../../src/lib/doc';
import type { IdeaId, RoomId, TableId, VoteId } from '../../src/lib/model';

function must<T>(r: { ok: true; value: T } | { ok: false; error: string }): T {
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

beforeEach(() => {
  let now = 1_700_000_000_000;
  vi.spyOn(Date, 'now').mockImplementation(() => ++now);
  return () => vi.restoreAllMocks();
});

function setup() {
  const docs = createConferenceDocs('room-votes' as RoomId);
  initConference(docs.control, { title: 'T' });
  const table = must(addTable(docs.control, { title: 'Mobilität' }));
  const ids: IdeaId[] = [];
  for (let i = 0; i < 3; i++) ids.push(must(addIdea(docs.shared, { tableId: table, text: `Idee ${i}` })));
  return { docs, table, ids };
}

const KEY_A = 'ballotKeyAAAAAAA';
const KEY_B = 'ballotKeyBBBBBBB';

describe('dot votes', () => {
  test('start, vote within budget, rank by points then board order, count voters', () => {
    const { docs, table, ids } = setup();
    const vote = must(startVote(docs.control, table, { target: 'ideas', budget: 3, multiple: true }));
    expect(readVotes(docs.control, table)[0]).toMatchObject({ budget: 3, maxPerItem: 3, status: 'open' });
    must(setBallotPoints(docs, vote, KEY_A, ids[2]!, 2));
    must(setBallotPoints(docs, vote, KEY_A, ids[0]!, 1));
    expect(setBallotPoints(docs, vote, KEY_A, ids[1]!, 1)).toMatchObject({ error: 'overBudget' });
    must(setBallotPoints(docs, vote, KEY_B, ids[1]!, 1));
    must(setBallotPoints(docs, vote, KEY_B, ids[2]!, 0));
    expect([...readBallot(docs.shared, vote, KEY_A)]).toEqual([
      [ids[2], 2],
      [ids[0], 1]
    ]);
    const r = readVoteResult(docs.control, docs.shared, vote)!;
    expect(r.ranking.map((x) => [x.label, x.points])).toEqual([
      ['Idee 2', 2],
      ['Idee 0', 1],
      ['Idee 1', 1]
    ]);
    expect(r.voters).toBe(2);
    expect(r.total).toBe(4);
  });

  test('one point per item when multiple is off; closed votes refuse points; budget is checked', () => {
    const { docs, table, ids } = setup();
    expect(startVote(docs.control, table, { target: 'ideas', budget: 0, multiple: false })).toMatchObject({
      error: 'invalidBudget'
    });
    expect(
      startVote(docs.control, 'x' as TableId, { target: 'ideas', budget: 3, multiple: false })
    ).toMatchObject({
      error: 'notFound'
    });
    const vote = must(startVote(docs.control, table, { target: 'ideas', budget: 2, multiple: false }));
    expect(setBallotPoints(docs, vote, KEY_A, ids[0]!, 2)).toMatchObject({ error: 'overBudget' });
    must(setBallotPoints(docs, vote, KEY_A, ids[0]!, 1));
    must(setVoteState(docs.control, vote, { status: 'closed', revealed: true }));
    expect(setBallotPoints(docs, vote, KEY_A, ids[1]!, 1)).toMatchObject({ error: 'voteClosed' });
    expect(readVotes(docs.control, table)[0]).toMatchObject({ status: 'closed', revealed: true });
    expect(setBallotPoints(docs, 'gone' as VoteId, KEY_A, ids[1]!, 1)).toMatchObject({ error: 'notFound' });
  });

  test('votes on clusters; points on removed items are dropped', () => {
    const { docs, table, ids } = setup();
    const a = must(addCluster(docs.control, table, 'Radwege', [ids[0]!]));
    const b = must(addCluster(docs.control, table, 'Bus'));
    const vote = must(startVote(docs.control, table, { target: 'clusters', budget: 3, multiple: true }));
    must(setBallotPoints(docs, vote, KEY_A, b, 3));
    must(setBallotPoints(docs, vote, KEY_B, a, 1));
    let r = readVoteResult(docs.control, docs.shared, vote)!;
    expect(r.ranking.map((x) => [x.label, x.points])).toEqual([
      ['Bus', 3],
      ['Radwege', 1]
    ]);
    docs.control.getMap('clusters').delete(b);
    r = readVoteResult(docs.control, docs.shared, vote)!;
    expect(r.ranking.map((x) => [x.label, x.points])).toEqual([['Radwege', 1]]);
    expect(r.voters).toBe(1);
  });

  test('a forged ballot (over budget, over per item, fractional, negative) counts for nothing', () => {
    const { docs, table, ids } = setup();
    const vote = must(startVote(docs.control, table, { target: 'ideas', budget: 3, multiple: false }));
    must(setBallotPoints(docs, vote, KEY_A, ids[0]!, 1));
    const forge = (key: string, points: Record<string, unknown>) =>
      docs.shared.transact(() => {
        const entry = new Y.Map<unknown>();
        docs.shared.getMap('ballots').set(`${vote}.${key}`, entry);
        entry.set('voteId', vote);
        const p = new Y.Map<unknown>();
        entry.set('points', p);
        for (const [k, v] of Object.entries(points)) p.set(k, v);
      });
    forge('forgedOverBudget1', { [ids[0]!]: 1, [ids[1]!]: 1, [ids[2]!]: 1, other: 1 });
    forge('forgedPerItem0001', { [ids[1]!]: 2 });
    forge('forgedFraction001', { [ids[1]!]: 0.5 });
    forge('forgedNegative001', { [ids[1]!]: -1, [ids[2]!]: 1 });
    forge('forgedString00001', { [ids[1]!]: '1' });
    const r = readVoteResult(docs.control, docs.shared, vote)!;
    expect(r.total).toBe(1);
    expect(r.voters).toBe(1);
  });
});
