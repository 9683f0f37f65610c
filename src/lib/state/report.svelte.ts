// The Ergebnisdokumentation: a snapshot of the whole conference as the report shows it, made on this
// device from its documents (no network), through lib/doc's reads. Made once when the page opens and
// again whenever someone asks (after the Erfolgs-Workshop too); it carries the time it was made, so a
// printed copy says how current it is. Only revealed votes are charted (a sealed or hidden result stays
// hidden), and the contact list comes only from the facilitators' document, which only facilitators hold:
// everyone else's report has no contact of anyone.

import {
  buildClusterBoard,
  readClusters,
  readContacts,
  readHarvest,
  readLandkarte,
  readPlacements,
  readPlans,
  readProgramme,
  readRegionOutline,
  readVoteResult,
  readVotes
} from '../doc';
import {
  chartBars,
  projectMap,
  reportSections,
  schedule,
  supportCounts,
  type ChartBar,
  type ConferenceInfo,
  type Cooperation,
  type Field,
  type Harvest,
  type Initiative,
  type MapOutline,
  type MapPlace,
  type Plan,
  type ProgrammeDay,
  type ReportMap,
  type ReportSection,
  type SupportKind,
  type Table,
  type Vote
} from '../model';
import type { ConferenceSession } from './session.svelte';

export interface ReportVote {
  vote: Vote;
  bars: ChartBar[];
  voters: number;
  total: number;
}

export interface ReportTable {
  table: Table;
  fieldName: string;
  ideaCount: number;
  harvest: Harvest;
  clusters: { id: string; name: string; ideas: string[] }[];
  unclustered: string[];
  votes: ReportVote[];
}

export interface ReportContact {
  id: string;
  name: string;
  contact: string;
  initiative: string;
}

export interface ReportData {
  madeAt: number;
  info: ConferenceInfo;
  fields: Field[];
  programme: ProgrammeDay[];
  initiatives: Initiative[];
  /** Between two shown initiatives, oldest first. */
  cooperations: Cooperation[];
  /** Answers to „Mitmachen und unterstützen“ per initiative id, counted (names stay out of the report). */
  support: ReadonlyMap<string, Record<SupportKind, number>>;
  map: ReportMap | null;
  tables: ReportTable[];
  plans: Plan[];
  /** Null when this device may not read contacts (not a facilitator). */
  contacts: ReportContact[] | null;
  sections: ReportSection[];
}

/** The country outlines and places the app ships (loaded only when the report has a map to draw). */
export type MapDataLoader = () => Promise<{ outlines: MapOutline[]; places: MapPlace[] }>;

export class Report {
  readonly #session: ConferenceSession;
  readonly #mapData: MapDataLoader;
  #data = $state.raw<ReportData | null>(null);
  #making = $state(false);

  constructor(session: ConferenceSession, mapData: MapDataLoader) {
    this.#session = session;
    this.#mapData = mapData;
  }

  /** The last report made, or null before the first. */
  get data(): ReportData | null {
    return this.#data;
  }

  get making(): boolean {
    return this.#making;
  }

  /** Reads everything anew and replaces the report (the time it was made too). */
  async make(now = Date.now()): Promise<ReportData> {
    this.#making = true;
    try {
      const data = await this.#read(now);
      this.#data = data;
      return data;
    } finally {
      this.#making = false;
    }
  }

  async #read(madeAt: number): Promise<ReportData> {
    const session = this.#session;
    const { control, shared } = session.docs;
    const info = { ...session.view.info };
    const fields = [...session.view.fields];
    // Plain maps of one read (the snapshot is what is reactive).
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    const fieldName = new Map(fields.map((f) => [f.id as string, f.name]));
    const placements = readPlacements(control);
    const tables = session.view.tables.map((table): ReportTable => {
      const ideas = session.view.ideasFor(table.id);
      const board = buildClusterBoard(readClusters(control, table.id), placements, ideas);
      const votes = readVotes(control, table.id)
        .filter((v) => v.revealed)
        .reverse()
        .flatMap((vote): ReportVote[] => {
          const result = readVoteResult(control, shared, vote.id, board);
          if (!result) return [];
          return [{ vote, bars: chartBars(result.ranking), voters: result.voters, total: result.total }];
        });
      return {
        table,
        fieldName: (table.fieldId && fieldName.get(table.fieldId)) || '',
        ideaCount: ideas.length,
        harvest: readHarvest(control, table.id),
        clusters: board.clusters.map((c) => ({ id: c.id, name: c.name, ideas: c.ideas.map((i) => i.text) })),
        unclustered: board.unclustered.map((i) => i.text),
        votes
      };
    });
    const landkarte = readLandkarte(session.docs);
    const initiatives = landkarte.initiatives;
    const plans = readPlans(session.plansDoc);
    const facilitators = session.facilitatorsDoc;
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    const names = new Map(initiatives.map((i) => [i.id as string, i.name]));
    for (const [from, to] of landkarte.mergedInto) names.set(from, names.get(to) ?? '');
    const contacts = facilitators
      ? readContacts(facilitators).map((c) => ({
          id: c.id,
          name: c.name,
          contact: c.contact,
          initiative: names.get(c.initiativeId) ?? ''
        }))
      : null;
    const programme = schedule(readProgramme(control));
    const points = initiatives.flatMap((i) => (i.coords ? [{ id: i.id, coords: i.coords }] : []));
    const region = readRegionOutline(control);
    const map =
      points.length > 0 || region
        ? projectMap({ points, ...(await this.#mapData()), region: region?.coords ?? null })
        : null;
    return {
      madeAt,
      info,
      fields,
      programme,
      initiatives,
      cooperations: landkarte.cooperations,
      support: supportCounts(landkarte.supporters),
      map,
      tables,
      plans,
      contacts,
      sections: reportSections({
        hasProgramme: programme.some((d) => d.items.length > 0),
        initiatives: initiatives.length,
        tables: tables.map((t) => ({ id: t.table.id, title: t.table.title })),
        plans: plans.map((p) => ({ id: p.id, title: p.title })),
        contacts: contacts ? contacts.length : null
      })
    };
  }
}
