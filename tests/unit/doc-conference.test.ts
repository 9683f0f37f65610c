// Commands and reads of conference info and Handlungsfelder in the control document.
import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import {
  addField,
  createConferenceDocs,
  initConference,
  LocalOrigin,
  localOrigin,
  moveField,
  readConference,
  readFields,
  readSchemaVersion,
  readTables,
  removeField,
  renameField,
  SCHEMA_VERSION,
  updateConferenceInfo,
  updateField,
  addTable
} from '../../src/lib/doc';
import { DEFAULT_FIELDS, type FieldId, type RoomId } from '../../src/lib/model';

const setup = () => {
  const { control } = createConferenceDocs('room-test-1' as RoomId);
  return control;
};
const names = (control: Y.Doc) => readFields(control).map((f) => f.name);

describe('initConference', () => {
  test('writes info, default fields in order and the schema version', () => {
    const control = setup();
    const r = initConference(control, {
      title: '  Mitmach-Konferenz Chiemgau ',
      region: 'Chiemgau',
      startDate: '2025-10-11'
    });
    expect(r).toEqual({ ok: true, value: undefined });
    expect(readConference(control)).toEqual({
      title: 'Mitmach-Konferenz Chiemgau',
      region: 'Chiemgau',
      startDate: '2025-10-11',
      endDate: null,
      venue: ''
    });
    expect(names(control)).toEqual(DEFAULT_FIELDS.map((f) => f.name));
    expect(
      readFields(control)
        .filter((f) => f.crossCutting)
        .map((f) => f.name)
    ).toEqual(['Sozialer Zusammenhalt']);
    expect(readSchemaVersion(control)).toBe(SCHEMA_VERSION);
  });

  test('custom fields, validation, and no second init', () => {
    const control = setup();
    expect(initConference(control, { title: '' })).toEqual({ ok: false, error: 'empty', field: 'title' });
    expect(initConference(control, { title: 'T' }, [{ name: ' ', crossCutting: false }])).toEqual({
      ok: false,
      error: 'empty',
      field: 'fields'
    });
    expect(readSchemaVersion(control)).toBeNull();
    expect(initConference(control, { title: 'T' }, [{ name: 'Zusammenleben', crossCutting: true }]).ok).toBe(
      true
    );
    expect(names(control)).toEqual(['Zusammenleben']);
    expect(initConference(control, { title: 'Again' })).toEqual({ ok: false, error: 'alreadyInitialized' });
    expect(names(control)).toEqual(['Zusammenleben']);
  });

  test('runs in one transaction with the given origin', () => {
    const control = setup();
    const origins: unknown[] = [];
    control.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin));
    const origin = localOrigin('anna');
    initConference(control, { title: 'T' }, DEFAULT_FIELDS, origin);
    expect(origins).toEqual([origin]);
    expect(origins[0]).toBeInstanceOf(LocalOrigin);
  });
});

describe('updateConferenceInfo', () => {
  test('patches only given keys, validates dates and their order', () => {
    const control = setup();
    initConference(control, { title: 'T', venue: 'Dorfhalle' });
    expect(updateConferenceInfo(control, { startDate: '2025-06-02', endDate: '2025-06-03' }).ok).toBe(true);
    expect(updateConferenceInfo(control, { endDate: '2025-06-01' })).toEqual({
      ok: false,
      error: 'dateOrder',
      field: 'endDate'
    });
    expect(updateConferenceInfo(control, { startDate: '2025-06-31' })).toEqual({
      ok: false,
      error: 'invalidDate',
      field: 'startDate'
    });
    expect(updateConferenceInfo(control, { title: 'x'.repeat(121) })).toEqual({
      ok: false,
      error: 'tooLong',
      field: 'title'
    });
    expect(updateConferenceInfo(control, { region: 'Lindau', endDate: '' }).ok).toBe(true);
    expect(readConference(control)).toEqual({
      title: 'T',
      region: 'Lindau',
      startDate: '2025-06-02',
      endDate: null,
      venue: 'Dorfhalle'
    });
  });

  test('a no-op patch produces no update', () => {
    const control = setup();
    initConference(control, { title: 'T' });
    let updates = 0;
    control.on('update', () => updates++);
    updateConferenceInfo(control, { title: 'T' });
    expect(updates).toBe(0);
    updateConferenceInfo(control, { title: 'U' });
    expect(updates).toBe(1);
  });
});

describe('fields', () => {
  test('add appends, rename and update change one field', () => {
    const control = setup();
    initConference(control, { title: 'T' });
    const r = addField(control, { name: ' Klima und\nGesundheit ' });
    if (!r.ok) throw new Error(r.error);
    expect(names(control).at(-1)).toBe('Klima und Gesundheit');
    expect(renameField(control, r.value, 'Klima & Gesundheit').ok).toBe(true);
    expect(updateField(control, r.value, { crossCutting: true }).ok).toBe(true);
    expect(readFields(control).at(-1)).toMatchObject({
      id: r.value,
      name: 'Klima & Gesundheit',
      crossCutting: true
    });
    expect(addField(control, { name: '' })).toEqual({ ok: false, error: 'empty', field: 'name' });
    expect(renameField(control, r.value, 'x'.repeat(61))).toEqual({
      ok: false,
      error: 'tooLong',
      field: 'name'
    });
    expect(renameField(control, 'nope' as FieldId, 'X')).toEqual({ ok: false, error: 'notFound' });
  });

  test('remove detaches its tables', () => {
    const control = setup();
    initConference(control, { title: 'T' });
    const energy = readFields(control)[1]!;
    const t = addTable(control, { title: 'Bürgerenergie', fieldId: energy.id });
    expect(t.ok).toBe(true);
    expect(removeField(control, energy.id).ok).toBe(true);
    expect(names(control)).not.toContain('Energie');
    expect(readTables(control)[0]!.fieldId).toBeNull();
    expect(removeField(control, energy.id)).toEqual({ ok: false, error: 'notFound' });
  });

  test('move to every position gives the expected order', () => {
    for (let from = 0; from < DEFAULT_FIELDS.length; from++) {
      for (let to = 0; to < DEFAULT_FIELDS.length; to++) {
        const control = setup();
        initConference(control, { title: 'T' });
        const expected = DEFAULT_FIELDS.map((f) => f.name);
        const [moved] = expected.splice(from, 1);
        expected.splice(to, 0, moved!);
        expect(moveField(control, readFields(control)[from]!.id, to).ok).toBe(true);
        expect(names(control), `${from}→${to}`).toEqual(expected);
      }
    }
  });

  test('move clamps the index, rejects non-numbers and unknown ids', () => {
    const control = setup();
    initConference(control, { title: 'T' });
    const first = readFields(control)[0]!;
    expect(moveField(control, first.id, 99).ok).toBe(true);
    expect(readFields(control).at(-1)!.id).toBe(first.id);
    expect(moveField(control, first.id, -5).ok).toBe(true);
    expect(readFields(control)[0]!.id).toBe(first.id);
    expect(moveField(control, first.id, Number.NaN)).toEqual({ ok: false, error: 'invalidPosition' });
    expect(moveField(control, 'nope' as FieldId, 0)).toEqual({ ok: false, error: 'notFound' });
  });
});
