// Sealed drafts in the session, on the real relay (port 0): while a facilitator seals a table, the
// participant's idea goes into their sealed document (the shared document never gets it), stays on the
// device across a restart of the app, and is in the shared document after the reveal, also when it was
// written offline and the device only comes back after the reveal (the scope is remembered in the device
// record, so the app merges its own drafts then).
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { newTableId, type TableId } from '../../../src/lib/model';
import { Ideas } from '../../../src/lib/state/ideas';
import { getConference } from '../../../src/lib/persistence/db';
import { ClusterBoardView } from '../../../src/lib/state/clusters.svelte';
import { TableVotes } from '../../../src/lib/state/votes.svelte';
import { addTable, revealScope, sealScope, startVote, voteScope } from '../../../src/lib/doc';
import { useSessionRelay } from '../../helpers/session-relay';

const t = useSessionRelay();

/** The participant's device; its record (and participant key) is kept when the app opens again. */
const participant = (connect: boolean) => t.open('participant', { connect, keepRecord: true });

/** The facilitator's view: control (to seal and reveal) and shared (to see what everyone sees). */
async function facilitator() {
  const { tokens } = t.relay.room;
  const control = t.client(tokens.facilitator, { control: true, ack: true });
  const shared = t.client(tokens.facilitator);
  await control.whenSynced();
  await shared.whenSynced();
  const texts = () =>
    [...shared.doc.getMap<Y.Map<unknown>>('ideas').values()].map((idea) => idea.get('text'));
  return {
    texts,
    seal: (tableId: TableId) => control.doc.getMap('policy').set(`sealed:t-${tableId}`, true),
    reveal: (tableId: TableId) => control.doc.getMap('policy').delete(`sealed:t-${tableId}`),
    control: control.doc,
    shared: shared.doc,
    saved: () => control.whenSaved()
  };
}

describe('sealed drafts in the session', () => {
  it('go into the sealed document while sealed and into shared once revealed, even from offline', async () => {
    const tableId = newTableId();
    const f = await facilitator();
    f.seal(tableId);
    await f.saved();

    const online = await participant(true);
    await vi.waitFor(() => expect(online.sealed.tableSealed(tableId)).toBe(true), { timeout: 10_000 });
    expect(new Ideas(online).add(tableId, 'Verdeckt online').ok).toBe(true);
    expect(online.view.ideasFor(tableId)).toEqual([]);
    expect(online.sealed.sealedIdeasFor(tableId).map((i) => i.text)).toEqual(['Verdeckt online']);
    await vi.waitFor(() => expect(online.connection.status).toBe('saved'), { timeout: 10_000 });
    expect((await getConference(t.relay.room.roomId))?.sealedScopes).toEqual([`t-${tableId}`]);
    await t.close(online);

    // The app again, offline: the sealed draft is still there (IndexedDB), and a second one joins it.
    const offline = await participant(false);
    await vi.waitFor(() =>
      expect(offline.sealed.sealedIdeasFor(tableId).map((i) => i.text)).toEqual(['Verdeckt online'])
    );
    expect(new Ideas(offline).add(tableId, 'Verdeckt offline').ok).toBe(true);
    await t.close(offline);
    expect(f.texts()).toEqual([]);

    // Revealed while the phone is away: the relay merges what it has; the phone adds the rest when back.
    f.reveal(tableId);
    await vi.waitFor(() => expect(f.texts()).toEqual(['Verdeckt online']), { timeout: 10_000 });
    const back = await participant(true);
    await vi.waitFor(() => expect(f.texts().sort()).toEqual(['Verdeckt offline', 'Verdeckt online']), {
      timeout: 10_000
    });
    await vi.waitFor(() => expect(back.view.ideasFor(tableId)).toHaveLength(2));
    expect(back.sealed.sealedIdeasFor(tableId)).toEqual([]);
    await vi.waitFor(async () =>
      expect((await getConference(t.relay.room.roomId))?.sealedScopes).toEqual([])
    );
    // New ideas go straight to shared now.
    expect(new Ideas(back).add(tableId, 'Offen').ok).toBe(true);
    await vi.waitFor(() => expect(f.texts()).toContain('Offen'), { timeout: 10_000 });
  });

  it("keep a participant's dot-vote ballot in their sealed document until the vote is revealed", async () => {
    const f = await facilitator();
    const tableId = must(addTable(f.control, { title: 'Mobilität' }));
    const voteId = must(startVote(f.control, tableId, { target: 'ideas', budget: 3, multiple: true }));
    must(sealScope(f.control, voteScope(voteId)));
    await f.saved();

    const phone = await participant(true);
    await vi.waitFor(() => expect(phone.sealed.isSealed(voteScope(voteId))).toBe(true), { timeout: 10_000 });
    const votes = new TableVotes(phone, tableId, new ClusterBoardView(phone, tableId));
    expect(votes.setPoints(voteId, 'idea-a', 2).ok).toBe(true);
    expect(votes.myBallot(voteId).get('idea-a')).toBe(2);
    await vi.waitFor(() => expect(phone.connection.status).toBe('saved'), { timeout: 10_000 });
    expect(f.shared.getMap('ballots').size).toBe(0); // nobody else has it, facilitators included

    must(revealScope(f.control, voteScope(voteId)));
    await vi.waitFor(() => expect(f.shared.getMap('ballots').size).toBe(1), { timeout: 10_000 });
    const ballot = [...f.shared.getMap<Y.Map<unknown>>('ballots').values()][0]!;
    expect((ballot.get('points') as Y.Map<number>).get('idea-a')).toBe(2);
    // After the reveal the same ballot is changed in shared (its owner's entry).
    await vi.waitFor(() => expect(phone.sealed.isSealed(voteScope(voteId))).toBe(false));
    expect(votes.setPoints(voteId, 'idea-a', 3).ok).toBe(true);
    await vi.waitFor(() => expect((ballot.get('points') as Y.Map<number>).get('idea-a')).toBe(3), {
      timeout: 10_000
    });
    votes.destroy();
  });
});

function must<T>(r: { ok: true; value: T } | { ok: false; error: unknown }): T {
  if (!r.ok) throw new Error(`command failed: ${JSON.stringify(r)}`);
  return r.value;
}
