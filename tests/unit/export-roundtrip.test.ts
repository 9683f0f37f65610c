// The complete JSON export (lib/export): export → import into fresh documents → export gives the same JSON
// for seeded rich conferences (EXPORT_SEED=<n> replays one); the import refuses foreign, newer and
// malformed files before writing anything.

import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createConferenceDocs, createFacilitatorsDoc, createPlansDoc } from '../../src/lib/doc';
import { importConferenceExport, parseConferenceExport } from '../../src/lib/export/import';
import { exportToJson } from '../../src/lib/export/json';
import { readConferenceExport } from '../../src/lib/export/snapshot';
import type { RoomId } from '../../src/lib/model';
import { seedRichConference, type RichDocs } from '../helpers/rich-conference';

const AT = new Date('2027-03-04T18:00:00Z');
const fresh = (room: string): RichDocs => ({
  ...createConferenceDocs(room as RoomId),
  plans: createPlansDoc(room as RoomId),
  facilitators: createFacilitatorsDoc(room as RoomId)
});
const seeds = process.env.EXPORT_SEED ? [Number(process.env.EXPORT_SEED)] : [1, 2, 3, 4, 5];

describe('JSON export round trip', () => {
  for (const seed of seeds)
    it(`export(import(export(x))) equals export(x) (seed ${seed})`, () => {
      console.log(`EXPORT_SEED=${seed}`);
      const source = fresh('Room_export_a');
      seedRichConference(source, seed);
      const first = readConferenceExport(source, AT);
      expect(first.ideas.length).toBeGreaterThan(8);
      expect(first.votes.every((v) => v.ballots.length > 0)).toBe(true);
      expect(first.initiatives.some((i) => i.mergedFrom.length === 1)).toBe(true);
      expect(first.initiatives.some((i) => i.hidden)).toBe(true);
      expect(first.ideas.filter((i) => i.hidden?.reason).length).toBeGreaterThan(0);
      expect(first.ideas.some((i) => 'ownerTag' in i)).toBe(false);
      expect(first.contacts).toHaveLength(1);
      const parsed = parseConferenceExport(exportToJson(first));
      if (!parsed.ok) throw new Error(parsed.error);
      const target = fresh('Room_export_b');
      importConferenceExport(target, parsed.value);
      const second = readConferenceExport(target, AT);
      expect(second).toEqual(first);
      expect(exportToJson(second)).toBe(exportToJson(first));
    });

  it('leaves contacts out without the facilitators document, and keeps them out on import', () => {
    const source = fresh('Room_export_c');
    seedRichConference(source, 7);
    const participant = readConferenceExport({ ...source, facilitators: null }, AT);
    expect(participant.contacts).toBeUndefined();
    expect(exportToJson(participant)).not.toContain('"contacts"');
    const target = fresh('Room_export_d');
    importConferenceExport({ ...target, facilitators: null }, participant);
    expect(readConferenceExport({ ...target, facilitators: null }, AT)).toEqual(participant);
  });

  it('refuses what is not an export of this or an older version, writing nothing', () => {
    const source = fresh('Room_export_e');
    seedRichConference(source, 8);
    const good = JSON.parse(exportToJson(readConferenceExport(source, AT))) as Record<string, unknown>;
    expect(parseConferenceExport('{ not json')).toMatchObject({ ok: false, error: 'notJson' });
    expect(parseConferenceExport({ ...good, format: 'other' })).toMatchObject({ error: 'wrongFormat' });
    expect(parseConferenceExport({ ...good, version: 2 })).toMatchObject({ error: 'newerVersion' });
    expect(parseConferenceExport({ ...good, ideas: 'x' })).toMatchObject({
      error: 'malformed',
      field: 'ideas'
    });
    expect(parseConferenceExport({ ...good, plans: [1] })).toMatchObject({
      error: 'malformed',
      field: 'plans'
    });
    expect(parseConferenceExport(good).ok).toBe(true);
  });

  it('skips malformed entries of a hand-edited file and still imports the rest', () => {
    const source = fresh('Room_export_f');
    seedRichConference(source, 9);
    const data = readConferenceExport(source, AT);
    const edited = JSON.parse(exportToJson(data)) as typeof data;
    (edited.ideas[0] as { id: string }).id = '../../etc';
    (edited.tables[0] as { title: unknown }).title = { evil: true };
    const target = fresh('Room_export_g');
    importConferenceExport(target, edited);
    const back = readConferenceExport(target, AT);
    expect(back.ideas).toHaveLength(data.ideas.length - 1);
    expect(back.tables[0]!.title).toBe('[object Object]');
    expect(Y.encodeStateAsUpdate(target.shared).length).toBeGreaterThan(100);
  });
});
