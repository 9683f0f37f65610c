// A conference holding something of everything an export carries, written through lib/doc's commands:
// fields, tables, ideas in clusters, closed votes with ballots, rounds, harvests, programme, initiatives
// (one merged, one hidden), cooperations, supporters, plans with steps and notes, the baseline, contacts.
// `text(n)` gives every user text (a German default, or an XSS / formula corpus entry); `seed` varies the
// amounts and choices (print it in the test).

import * as Y from 'yjs';
import {
  addCluster,
  addCooperation,
  addHarvestStep,
  addIdea,
  addInitiative,
  addNote,
  addPlan,
  addProgrammeItem,
  addStep,
  addSupporter,
  addTable,
  contactEntryUpdate,
  editPlanText,
  hideIdea,
  hideInitiative,
  initConference,
  mergeInitiatives,
  readFields,
  readPlans,
  setBallotPoints,
  setHarvestClusters,
  setHarvestResults,
  setPhase,
  setPlanPartner,
  setVoteState,
  startVote,
  updatePlan,
  updateStep,
  writeConferenceEnd
} from '../../src/lib/doc';
import { baselineOf, type IdeaId, type InitiativeId } from '../../src/lib/model';
import { mulberry32 } from './random';

export interface RichDocs {
  control: Y.Doc;
  shared: Y.Doc;
  plans: Y.Doc;
  facilitators: Y.Doc;
}

const must = <T>(r: { ok: true; value: T } | { ok: false; error: string; field?: string }): T => {
  if (!r.ok) throw new Error(`${r.error} ${r.field ?? ''}`);
  return r.value;
};

/** Fills `docs` (fresh) with a whole conference; returns nothing, read it through the exports. */
export function seedRichConference(
  docs: RichDocs,
  seed = 1,
  text: (n: number, max: number) => string = (n) => `Text ${n}`
): void {
  const rnd = mulberry32(seed);
  let n = 0;
  const t = (max = 60) => text(n++, max);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const { control, shared, plans } = docs;
  must(
    initConference(control, {
      title: t(),
      region: t(),
      venue: t(),
      startDate: '2027-03-03',
      endDate: '2027-03-04'
    })
  );
  const fields = readFields(control);
  const tables = [0, 1, 2].map((i) =>
    must(addTable(control, { title: t(), question: t(300), host: t(), fieldId: fields[i]!.id }))
  );
  setPhase(control, 'all', 'harvest');
  setPhase(control, tables[1]!, 'vote');
  for (const tableId of tables) {
    const ideas: IdeaId[] = [];
    const count = 3 + Math.floor(rnd() * 4);
    for (let i = 0; i < count; i++)
      ideas.push(must(addIdea(shared, { tableId, text: t(500), author: t(), ownerTag: 'tag-device-a' })));
    // The last idea of each table hidden by facilitators, with a reason.
    must(hideIdea({ control, shared }, ideas[ideas.length - 1]!, t(120)));
    const c1 = must(addCluster(control, tableId, t(80), ideas.slice(0, 2)));
    must(addCluster(control, tableId, t(80), ideas.slice(2, 3)));
    for (const target of ['ideas', 'clusters'] as const) {
      const voteId = must(startVote(control, tableId, { target, budget: 3, multiple: rnd() < 0.5 }));
      const items: string[] = target === 'ideas' ? ideas : [c1];
      for (let b = 0; b < 4; b++)
        setBallotPoints({ control, shared }, voteId, `ballotkey${seed}x${b}`, pick(items), 1);
      setVoteState(control, voteId, { status: 'closed', revealed: true });
    }
    must(setHarvestResults(control, tableId, `${t(500)}\n${t(500)}`));
    must(setHarvestClusters(control, tableId, [{ title: t(), points: 5 }]));
    must(addHarvestStep(control, tableId, { text: t(), who: t() }));
  }
  must(addProgrammeItem(control, { kind: 'talk', title: t(), speaker: t(), room: t(), duration: 30 }));
  must(
    addProgrammeItem(control, { kind: 'tables', title: t(), responsible: t(), duration: 90, fixedStart: 600 })
  );
  must(addProgrammeItem(control, { kind: 'closing', title: t(), duration: 20, day: 1 }));
  const conf = { control, shared };
  const ini: InitiativeId[] = [];
  for (let i = 0; i < 4; i++)
    ini.push(
      must(
        addInitiative(conf, {
          name: t(),
          description: t(500),
          status: pick(['exists', 'needed', 'planned'] as const),
          fieldIds: [fields[i % fields.length]!.id],
          place: t(),
          coords: i === 3 ? null : { lat: 52 + i / 10, lon: 13 + i / 10 },
          needs: t(300),
          offers: t(300),
          support: t(300),
          website: i === 0 ? 'https://example.org/a' : '',
          author: t()
        })
      )
    );
  must(addCooperation(shared, { a: ini[0]!, b: ini[1]!, kind: 'active', note: t() }));
  must(addSupporter(shared, { initiativeId: ini[0]!, kind: 'join', name: t() }));
  must(addSupporter(shared, { initiativeId: ini[1]!, kind: 'contact', name: t() }));
  const dup = must(addInitiative(conf, { name: t(), place: '', description: '' }));
  must(mergeInitiatives(conf, dup, ini[1]!));
  must(hideInitiative(conf, ini[2]!, t()));
  for (let p = 0; p < 2 + Math.floor(rnd() * 2); p++) {
    const id = must(addPlan(plans, { title: t(), goal: t(500), fieldId: fields[p]!.id }));
    must(
      updatePlan(plans, id, { contact: t(), partnersText: t(), status: pick(['running', 'done'] as const) })
    );
    must(editPlanText(plans, id, 'resources', t(500)));
    must(setPlanPartner(plans, id, ini[0]!, true));
    const s1 = must(addStep(plans, id, { text: t(), who: t(), due: `2027-04-0${p + 1}` }));
    must(addStep(plans, id, { text: t(), who: t(), due: null }));
    must(updateStep(plans, id, s1, { done: true }));
    must(addNote(plans, id, t(1000), 1_800_000_000_000 + p));
  }
  must(writeConferenceEnd(control, baselineOf(readPlans(plans), 1_800_000_000_000)));
  Y.applyUpdate(
    docs.facilitators,
    must(contactEntryUpdate({ initiativeId: ini[1]!, name: t(), contact: t() }))
  );
}
