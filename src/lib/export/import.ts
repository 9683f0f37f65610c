// Importing a complete JSON export into a fresh conference's documents (the round trip of json.ts): the
// file is checked for its format and version, then every part is written through lib/doc's restore
// commands with its ids, so exporting the imported conference gives the same JSON (apart from
// `exportedAt`). The file is distrusted: a wrong format, a newer version or a malformed shape is refused
// before anything is written; single malformed entries are skipped by the restore commands.

import type * as Y from 'yjs';
import {
  restoreClusters,
  restoreContacts,
  restoreHarvests,
  restoreIdeas,
  restoreLandkarte,
  restorePlans,
  restoreProgramme,
  restoreStructure,
  restoreVotes,
  setPhase,
  writeConferenceEnd
} from '../doc';
import { err, isPhase, ok, type Result, type RoundScope } from '../model';
import { EXPORT_FORMAT, EXPORT_VERSION, type ConferenceExport } from './snapshot';

export type ImportError = 'notJson' | 'wrongFormat' | 'newerVersion' | 'malformed';

const LISTS = [
  'fields',
  'tables',
  'ideas',
  'clusters',
  'votes',
  'rounds',
  'harvests',
  'programme',
  'initiatives',
  'cooperations',
  'supporters',
  'plans'
] as const;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Checks a parsed file's envelope and shape (every list a list of objects). */
export function parseConferenceExport(input: string | unknown): Result<ConferenceExport, ImportError> {
  let data: unknown = input;
  if (typeof input === 'string') {
    try {
      data = JSON.parse(input);
    } catch {
      return err('notJson');
    }
  }
  if (!isRecord(data) || data.format !== EXPORT_FORMAT) return err('wrongFormat');
  if (typeof data.version !== 'number' || !Number.isInteger(data.version)) return err('malformed');
  if (data.version > EXPORT_VERSION) return err('newerVersion');
  if (!isRecord(data.conference)) return err('malformed');
  for (const key of LISTS) {
    const list = data[key];
    if (!Array.isArray(list) || !list.every(isRecord)) return err('malformed', key);
  }
  if (data.contacts !== undefined && (!Array.isArray(data.contacts) || !data.contacts.every(isRecord)))
    return err('malformed', 'contacts');
  if (data.conferenceEnd !== null && !isRecord(data.conferenceEnd)) return err('malformed', 'conferenceEnd');
  return ok(data as unknown as ConferenceExport);
}

export interface ImportDocs {
  control: Y.Doc;
  shared: Y.Doc;
  plans: Y.Doc;
  /** Contacts are restored only where given (a facilitator's device). */
  facilitators?: Y.Doc | null;
}

/** Writes an export into (fresh) documents. */
export function importConferenceExport(docs: ImportDocs, data: ConferenceExport): void {
  restoreStructure(docs.control, data.conference, data.fields, data.tables);
  restoreIdeas(docs, data.ideas);
  restoreClusters(docs.control, data.clusters);
  restoreVotes(docs, data.votes);
  for (const r of data.rounds) if (isPhase(r.phase)) setPhase(docs.control, r.scope as RoundScope, r.phase);
  restoreHarvests(docs.control, data.harvests);
  restoreProgramme(docs.control, data.programme);
  restoreLandkarte(docs, data.initiatives, data.cooperations, data.supporters);
  restorePlans(docs.plans, data.plans);
  if (data.conferenceEnd) writeConferenceEnd(docs.control, data.conferenceEnd);
  if (docs.facilitators && data.contacts) restoreContacts(docs.facilitators, data.contacts);
}
