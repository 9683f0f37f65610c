// The complete snapshot of a conference that every export is made from: plain data read through lib/doc
// (never a Y.Map key here), versioned, described by schema/conference-export.v1.schema.json. The JSON
// export is this object; CSV, Markdown, iCal and GeoJSON are views of it. Contacts are in it only when the
// exporting device holds the facilitators document (facilitators).

import type * as Y from 'yjs';
import {
  readBallots,
  readClusters,
  readConference,
  readConferenceEnd,
  readContacts,
  readFields,
  readHarvest,
  readHiddenIdeas,
  readIdeas,
  readLandkarte,
  readPlacements,
  readPlans,
  readProgramme,
  readRounds,
  readTables,
  readVoteResult,
  readVotes,
  isHarvestEmpty,
  type ContactRequest
} from '../doc';
import type {
  Cluster,
  ConferenceEnd,
  ConferenceInfo,
  Cooperation,
  Field,
  Harvest,
  Idea,
  Initiative,
  Phase,
  Placement,
  Plan,
  ProgrammeItem,
  RankedItem,
  Supporter,
  Table,
  Vote
} from '../model';

export const EXPORT_FORMAT = 'stadt-land-tisch/konferenz';
export const EXPORT_VERSION = 1;

export interface ExportedIdea extends Omit<Idea, 'ownerTag'> {
  /** Where facilitators placed it (cluster and order in it); null = never placed. */
  placement: Placement | null;
  /** Hidden by facilitators, with the reason; null = shown (absent in files from before hiding). */
  hidden?: { reason: string } | null;
}

export interface ExportedVote extends Vote {
  /** Every counting ballot's points, without whose it was. */
  ballots: Record<string, number>[];
  /** The result as the app shows it (recomputed from `ballots` on import). */
  result: { ranking: RankedItem[]; voters: number; total: number };
}

/** An initiative without its `ownerTag` (a tag of the device that entered it, which no export needs). */
export type ExportedInitiative = Omit<Initiative, 'ownerTag'>;

const withoutOwnerTag = (i: Initiative): ExportedInitiative => {
  const out: Partial<Initiative> = { ...i };
  delete out.ownerTag;
  return out as ExportedInitiative;
};

export interface ExportedRound {
  /** A table id or `all` (the whole room). */
  scope: string;
  phase: Phase;
}

export interface ConferenceExport {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  /** ISO 8601 time of the export. */
  exportedAt: string;
  conference: ConferenceInfo;
  fields: Field[];
  tables: Table[];
  ideas: ExportedIdea[];
  clusters: Cluster[];
  votes: ExportedVote[];
  rounds: ExportedRound[];
  harvests: Harvest[];
  programme: ProgrammeItem[];
  /** Visible initiatives first, then hidden ones (`hidden` set), merges folded in. */
  initiatives: ExportedInitiative[];
  cooperations: Cooperation[];
  supporters: Supporter[];
  plans: Plan[];
  conferenceEnd: ConferenceEnd | null;
  /** Only in a facilitator's export: contact details given with consent. */
  contacts?: ContactRequest[];
}

export interface ExportDocs {
  control: Y.Doc;
  shared: Y.Doc;
  plans: Y.Doc;
  /** Present on facilitator devices only; its contacts go into the export. */
  facilitators?: Y.Doc | null;
}

/** Reads everything into one plain, deterministic object (`now` fixes `exportedAt`). */
export function readConferenceExport(docs: ExportDocs, now: Date = new Date()): ConferenceExport {
  const { control, shared } = docs;
  const tables = readTables(control);
  const placements = readPlacements(control);
  const hiddenIdeas = readHiddenIdeas(control);
  // The owner tag stays on the device that wrote the idea: it only says what that app offers to edit.
  const ideas = readIdeas(shared).map(({ ownerTag: _tag, ...idea }) => {
    const hidden = hiddenIdeas.get(idea.id);
    return {
      ...idea,
      placement: placements.get(idea.id) ?? null,
      hidden: hidden ? { reason: hidden.reason } : null
    };
  });
  const votes: ExportedVote[] = [];
  for (const table of tables)
    for (const vote of readVotes(control, table.id).reverse()) {
      const result = readVoteResult(control, shared, vote.id);
      votes.push({
        ...vote,
        ballots: readBallots(control, shared, vote.id),
        result: {
          ranking: result ? [...result.ranking] : [],
          voters: result?.voters ?? 0,
          total: result?.total ?? 0
        }
      });
    }
  const rounds: ExportedRound[] = [];
  for (const [scope, state] of readRounds(control))
    if (scope === 'all' || state.ownPhase) rounds.push({ scope, phase: state.phase });
  rounds.sort((a, b) =>
    a.scope === 'all' ? -1 : b.scope === 'all' ? 1 : a.scope < b.scope ? -1 : a.scope > b.scope ? 1 : 0
  );
  const landkarte = readLandkarte({ control, shared });
  const out: ConferenceExport = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: now.toISOString(),
    conference: readConference(control),
    fields: readFields(control),
    tables,
    ideas,
    clusters: readClusters(control),
    votes,
    rounds,
    harvests: tables.map((t) => readHarvest(control, t.id)).filter((h) => !isHarvestEmpty(h)),
    programme: readProgramme(control),
    initiatives: [...landkarte.initiatives, ...landkarte.hidden].map(withoutOwnerTag),
    cooperations: landkarte.cooperations,
    supporters: landkarte.supporters,
    plans: readPlans(docs.plans),
    conferenceEnd: readConferenceEnd(control)
  };
  if (docs.facilitators) out.contacts = readContacts(docs.facilitators);
  return out;
}
