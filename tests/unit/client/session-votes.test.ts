// Dot votes through the session on the real relay (port 0): a participant's ballot is their own entry in
// the shared document, so the relay's ownership check accepts it; after a reload (a fresh Y.Doc, so a
// fresh client id, same participant key) the device finds the same ballot and may change it without a
// refusal; another participant's ballot counts beside it.
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { addIdea, addTable, readVoteResult, startVote, type ConferenceDocs } from '../../../src/lib/doc';
import type { TableId, VoteId } from '../../../src/lib/model';
import { ClusterBoardView } from '../../../src/lib/state/clusters.svelte';
import { ballotKeyFor, TableVotes } from '../../../src/lib/state/votes.svelte';
import { newParticipantKey, sessionToken } from '../../helpers/ownership';
import { readStoredDoc } from '../../helpers/relay';
import { useSessionRelay } from '../../helpers/session-relay';

const t = useSessionRelay();

const must = <T>(r: { ok: true; value: T } | { ok: false; error: string }): T => {
  if (!r.ok) throw new Error(r.error);
  return r.value;
};

const facilitator = () => t.facilitatorDocs();

/** The participant's device; its record (and participant key) is kept when the app opens again. */
const participant = () => t.open('participant', { keepRecord: true });

const stored = async (): Promise<ConferenceDocs> => {
  await t.relay.relay.flush();
  return {
    shared: readStoredDoc(t.relay.dataDir, t.relay.room.roomId),
    control: readStoredDoc(t.relay.dataDir, `${t.relay.room.roomId}/control`)
  };
};

describe('dot votes in the session', () => {
  it('keeps one ballot per participant across a reload, accepted by the relay; others count beside it', async () => {
    expect(ballotKeyFor('key-a', 'vote1' as VoteId)).toBe(ballotKeyFor('key-a', 'vote1' as VoteId));
    expect(ballotKeyFor('key-a', 'vote1' as VoteId)).not.toBe(ballotKeyFor('key-b', 'vote1' as VoteId));
    expect(ballotKeyFor('key-a', 'vote1' as VoteId)).toMatch(/^[A-Za-z0-9_-]{16}$/);

    const fac = await facilitator();
    const table = must(addTable(fac.control, { title: 'Mobilität' })) as TableId;
    const a = must(addIdea(fac.shared, { tableId: table, text: 'Rufbus' }));
    const b = must(addIdea(fac.shared, { tableId: table, text: 'Radweg' }));
    const vote = must(startVote(fac.control, table, { target: 'ideas', budget: 3, multiple: true }));
    await fac.saved();

    const first = await participant();
    await vi.waitFor(() => expect(first.view.ideasFor(table)).toHaveLength(2), { timeout: 10_000 });
    let votes = new TableVotes(first, table, new ClusterBoardView(first, table));
    await vi.waitFor(() => expect(votes.current?.id).toBe(vote), { timeout: 10_000 });
    must(votes.setPoints(vote, a, 2));
    expect(votes.setPoints(vote, b, 2)).toMatchObject({ ok: false, error: 'overBudget' });
    await vi.waitFor(
      async () =>
        expect(readVoteResult((await stored()).control, (await stored()).shared, vote)?.total).toBe(2),
      { timeout: 10_000 }
    );
    votes.destroy();
    await t.close(first);

    // A reload: a fresh document and client id, the same participant key and so the same ballot.
    const again = await participant();
    votes = new TableVotes(again, table, new ClusterBoardView(again, table));
    await vi.waitFor(() => expect(votes.myBallot(vote).get(a)).toBe(2), { timeout: 10_000 });
    must(votes.setPoints(vote, a, 1));
    must(votes.setPoints(vote, b, 2));

    // Another participant's phone votes too.
    const token = await sessionToken(
      t.relay.url,
      t.relay.room.roomId,
      t.relay.room.tokens.participant,
      newParticipantKey()
    );
    const other = t.client(token, { ack: true });
    await other.whenSynced();
    other.doc.transact(() => {
      const entry = new Y.Map<unknown>();
      other.doc.getMap('ballots').set(`${vote}.otherPhoneBallot1`, entry);
      entry.set('voteId', vote);
      const points = new Y.Map<unknown>();
      entry.set('points', points);
      points.set(b, 1);
    });
    await other.whenSaved();

    await vi.waitFor(
      async () => {
        const docs = await stored();
        const result = readVoteResult(docs.control, docs.shared, vote);
        expect(result?.ranking.map((r) => [r.label, r.points])).toEqual([
          ['Radweg', 3],
          ['Rufbus', 1]
        ]);
        expect(result?.voters).toBe(2);
      },
      { timeout: 10_000 }
    );
    expect(again.refusedIdeas).toBe(0);
    votes.destroy();
  });
});
