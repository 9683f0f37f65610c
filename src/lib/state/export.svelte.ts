// Exports for the export page: the complete snapshot of the conference as this device holds it (read when a
// download is asked for, so it is always current and needs no network) turned into a file by lib/export.
// Facilitators' exports carry the contacts (their device holds the facilitators document); everyone
// else's never can. A capability controller over the session.

import type { CsvEntity } from '../export/csv';
import type { ExportFile, ExportFormat } from '../export/files';
import { readConferenceExport, type ConferenceExport } from '../export/snapshot';
import type { ConferenceSession } from './session.svelte';

export interface ExportChoice {
  format: ExportFormat;
  entity?: CsvEntity;
}

/** What the export page offers, in its order. */
export const EXPORT_CHOICES: readonly ExportChoice[] = [
  { format: 'json' },
  { format: 'md' },
  { format: 'csv', entity: 'ideas' },
  { format: 'csv', entity: 'plans' },
  { format: 'csv', entity: 'steps' },
  { format: 'csv', entity: 'initiatives' },
  { format: 'ics' },
  { format: 'geojson' }
];

export class Exports {
  #session: ConferenceSession;

  constructor(session: ConferenceSession) {
    this.#session = session;
  }

  /** Whether the JSON export holds the contact details given with consent (facilitators only). */
  get includesContacts(): boolean {
    return this.#session.facilitatorsDoc !== null;
  }

  /** Read now (`now` fixes its time in tests). */
  snapshot(now?: Date): ConferenceExport {
    const s = this.#session;
    return readConferenceExport({ ...s.docs, plans: s.plansDoc, facilitators: s.facilitatorsDoc }, now);
  }

  /** The file of one choice (its format's module is loaded only now). */
  async file(choice: ExportChoice): Promise<ExportFile> {
    const { exportFile } = await import('../export/files');
    return exportFile(this.snapshot(), choice.format, choice.entity);
  }
}
