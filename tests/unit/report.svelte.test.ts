// The report's snapshot (lib/state/report.svelte.ts): only revealed votes are charted, the contact list
// exists only where the facilitators' document is (never for participants or viewers), merged duplicates
// name their initiative, the map data is loaded only with a place to draw, and making it again takes the
// documents as they are now.
import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import {
  addCluster,
  addIdea,
  addInitiative,
  addPlan,
  addTable,
  contactEntryUpdate,
  createConferenceDocs,
  createFacilitatorsDoc,
  createPlansDoc,
  initConference,
  setBallotPoints,
  setVoteState,
  startVote
} from '../../src/lib/doc';
import type { RoomId } from '../../src/lib/model';
import { ConferenceView } from '../../src/lib/state/conference.svelte';
import { Report } from '../../src/lib/state/report.svelte';
import type { ConferenceSession } from '../../src/lib/state/session.svelte';

const ROOM = 'room-report' as RoomId;

function ok<T>(r: { ok: true; value: T } | { ok: false; error: unknown }): T {
  if (!r.ok) throw new Error(String(r.error));
  return r.value;
}

function conference() {
  const docs = createConferenceDocs(ROOM);
  const plans = createPlansDoc(ROOM);
  const facilitators = createFacilitatorsDoc(ROOM);
  ok(initConference(docs.control, { title: 'Konferenz', startDate: '2027-03-03' }));
  return { docs, plans, facilitators };
}

/** What Report reads of a session: the documents, the read model, and whether it holds the facilitators'. */
function report(c: ReturnType<typeof conference>, facilitator: boolean, loads: { n: number } = { n: 0 }) {
  const session = {
    roomId: ROOM,
    docs: c.docs,
    view: new ConferenceView(c.docs),
    plansDoc: c.plans,
    facilitatorsDoc: facilitator ? c.facilitators : null
  } as unknown as ConferenceSession;
  return new Report(session, async () => {
    loads.n++;
    return { outlines: [], places: [{ name: 'Sonthofen', lat: 47.515, lon: 10.283 }] };
  });
}

describe('Report', () => {
  test('charts revealed votes only', async () => {
    const c = conference();
    const table = ok(addTable(c.docs.control, { title: 'Mobilität', question: 'Wie?' }));
    const idea = ok(addIdea(c.docs.shared, { tableId: table, text: 'Bürgerbus' }));
    const cluster = ok(addCluster(c.docs.control, table, 'Busse', [idea]));
    const hidden = ok(startVote(c.docs.control, table, { target: 'clusters', budget: 3, multiple: true }));
    ok(setBallotPoints(c.docs, hidden, 'voterAAAA', cluster, 3));
    const data = await report(c, true).make();
    expect(data.tables[0]!.votes).toEqual([]);
    expect(data.tables[0]!.clusters).toEqual([{ id: cluster, name: 'Busse', ideas: ['Bürgerbus'] }]);
    ok(setVoteState(c.docs.control, hidden, { status: 'closed', revealed: true }));
    const again = await report(c, true).make();
    expect(again.tables[0]!.votes).toHaveLength(1);
    expect(again.tables[0]!.votes[0]!.bars).toEqual([
      { id: cluster, label: 'Busse', points: 3, percent: 100 }
    ]);
    expect(again.tables[0]!.votes[0]!.voters).toBe(1);
  });

  test('lists contacts for facilitators only, with their initiative', async () => {
    const c = conference();
    const ini = ok(addInitiative(c.docs, { name: 'Repair-Café' }));
    Y.applyUpdate(
      c.facilitators,
      ok(contactEntryUpdate({ initiativeId: ini, name: 'Sabine', contact: 's@example.org' }))
    );
    const facilitator = await report(c, true).make();
    expect(facilitator.contacts).toEqual([
      { id: expect.any(String), name: 'Sabine', contact: 's@example.org', initiative: 'Repair-Café' }
    ]);
    expect(facilitator.sections.map((s) => s.kind)).toContain('contacts');
    const participant = await report(c, false).make();
    expect(participant.contacts).toBeNull();
    expect(participant.sections.map((s) => s.kind)).not.toContain('contacts');
  });

  test('loads the map data only when there is a place to draw', async () => {
    const c = conference();
    const loads = { n: 0 };
    const r = report(c, false, loads);
    ok(addInitiative(c.docs, { name: 'Ohne Ort' }));
    expect((await r.make()).map).toBeNull();
    expect(loads.n).toBe(0);
    ok(addInitiative(c.docs, { name: 'Mit Ort', coords: { lat: 47.52, lon: 10.28 } }));
    const map = (await r.make()).map!;
    expect(loads.n).toBe(1);
    expect(map.markers).toHaveLength(1);
  });

  test('making it again takes what changed and the new time', async () => {
    const c = conference();
    const r = report(c, true);
    const first = await r.make(1000);
    expect(first.plans).toEqual([]);
    expect(r.data).toBe(first);
    ok(addPlan(c.plans, { title: 'Bürgerbus' }));
    const second = await r.make(2000);
    expect(second.madeAt).toBe(2000);
    expect(second.plans.map((p) => p.title)).toEqual(['Bürgerbus']);
    expect(r.data).toBe(second);
    expect(first.plans).toEqual([]);
  });
});
