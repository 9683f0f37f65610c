// CSV import preview (separators, encodings, German and English headers, per-row errors) and the exports
// (German Excel CSV with formulas made inert, GeoJSON), including a round trip through the document.
import { describe, expect, test } from 'vitest';
import {
  addInitiative,
  createConferenceDocs,
  initConference,
  readFields,
  readLandkarte
} from '../../src/lib/doc';
import type { RoomId } from '../../src/lib/model';
import {
  decodeCsv,
  initiativesToCsv,
  initiativesToGeoJson,
  neutraliseCell,
  previewCsv
} from '../../src/lib/model/initiative-csv';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
/** Windows-1252 for the characters these tests use (Latin-1 range plus the euro sign). */
const cp1252 = (s: string): Uint8Array =>
  Uint8Array.from([...s].map((c) => (c === '€' ? 0x80 : c.charCodeAt(0))));

const FIELDS = [
  { id: 'f-food', name: 'Landwirtschaft & Ernährung' },
  { id: 'f-energy', name: 'Energie' },
  { id: 'f-mob', name: 'Mobilität' }
] as never[];

describe('preview', () => {
  test('semicolons, German headers, BOM, status words, field names, decimal comma', () => {
    const csv =
      '\uFEFFName;Status;Handlungsfelder;Ort;Breitengrad;Längengrad;Wir suchen;Website\r\n' +
      'Solawi;besteht;Landwirtschaft & Ernährung, energie;Ravensburg;47,78;9,61;Helfende;solawi.de\r\n' +
      'Carsharing;fehlt noch;Mobilität;;;;;\r\n';
    const p = previewCsv(utf8(csv), FIELDS);
    expect(p).toMatchObject({ delimiter: ';', encoding: 'utf-8', missingName: false, ignored: [] });
    expect(p.rows).toHaveLength(2);
    expect(p.rows[0]).toMatchObject({
      line: 2,
      errors: [],
      value: {
        name: 'Solawi',
        status: 'exists',
        fieldIds: ['f-food', 'f-energy'],
        place: 'Ravensburg',
        coords: { lat: 47.78, lon: 9.61 },
        needs: 'Helfende',
        website: 'https://solawi.de'
      }
    });
    expect(p.rows[1]!.value).toMatchObject({ name: 'Carsharing', status: 'needed', fieldIds: ['f-mob'] });
  });

  test('commas, English headers, quoted newlines, Windows-1252', () => {
    const csv =
      'name,status,fields,description,latitude,longitude,unknown column\r\n' +
      '"Bürgerenergie Süd",planned,Energie,"Zeile eins\r\nZeile zwei",47.1,9.9,x\r\n';
    const p = previewCsv(cp1252(csv), FIELDS);
    expect(p.encoding).toBe('windows-1252');
    expect(p.delimiter).toBe(',');
    expect(p.ignored).toEqual(['unknown column']);
    expect(p.rows[0]!.value).toMatchObject({
      name: 'Bürgerenergie Süd',
      status: 'planned',
      description: 'Zeile eins\nZeile zwei',
      coords: { lat: 47.1, lon: 9.9 }
    });
    expect(decodeCsv(utf8('Grüße')).encoding).toBe('utf-8');
  });

  test('every broken row is listed with its errors, the valid ones keep their value', () => {
    const csv = [
      'Name;Status;Handlungsfeld;Breitengrad;Längengrad;Website',
      ';besteht;Energie;;;',
      'Zu weit;vielleicht;Kultur;123;9;javascript:alert(1)',
      `${'x'.repeat(121)};;;;;`,
      'Gut;;Energie;;;'
    ].join('\n');
    const p = previewCsv(utf8(csv), FIELDS);
    expect(p.rows.map((r) => r.line)).toEqual([2, 3, 4, 5]);
    expect(p.rows[0]!.errors).toEqual([{ column: 'name', code: 'empty' }]);
    expect(p.rows[1]!.errors).toEqual([
      { column: 'status', code: 'invalidStatus', value: 'vielleicht' },
      { column: 'fields', code: 'unknownField', value: 'Kultur' },
      { column: 'lat', code: 'invalidCoordinates' },
      { column: 'website', code: 'invalidUrl' }
    ]);
    expect(p.rows[2]!.errors).toEqual([{ column: 'name', code: 'tooLong' }]);
    expect(p.rows.map((r) => r.value !== null)).toEqual([false, false, false, true]);
  });

  test('a file without a name column says so', () => {
    expect(previewCsv(utf8('Ort;Status\nWangen;besteht\n'), FIELDS).missingName).toBe(true);
  });
});

describe('export', () => {
  test('formula injection is made inert', () => {
    for (const bad of ['=HYPERLINK("x")', '+1', '-2', '@SUM(A1)', '\tx', '\rx'])
      expect(neutraliseCell(bad)).toBe(`'${bad}`);
    expect(neutraliseCell('Repair-Café')).toBe('Repair-Café');
  });

  test('CSV round trip through the document keeps every field; GeoJSON has clear names', () => {
    const docs = createConferenceDocs('room-csv-test' as RoomId);
    initConference(docs.control, { title: 'T' });
    const fields = readFields(docs.control);
    addInitiative(docs, {
      name: '=cmd|"/c calc"!A1',
      description: 'Mehrzeilig;\n"zitiert"',
      status: 'planned',
      fieldIds: [fields[1]!.id, fields[3]!.id],
      place: 'Lindau',
      coords: { lat: 47.55, lon: 9.68 },
      needs: '<img src=x onerror=alert(1)>',
      offers: 'Räume',
      support: '-Spenden',
      website: 'https://example.org/a?b=1'
    });
    addInitiative(docs, { name: 'Ohne Ort' });
    const before = readLandkarte(docs).initiatives;
    const csv = initiativesToCsv(before, fields);
    expect(csv.startsWith('\uFEFF"Name";"Status";"Handlungsfelder"')).toBe(true);
    expect(csv).toContain(`"'=cmd|""/c calc""!A1"`);
    expect(csv).toContain('"47,55";"9,68"');

    const preview = previewCsv(utf8(csv), fields);
    expect(preview.rows.every((r) => r.errors.length === 0)).toBe(true);
    const again = preview.rows.map((r) => r.value!);
    const byName = new Map(again.map((v) => [v.name, v]));
    const first = byName.get(`'=cmd|"/c calc"!A1`)!;
    expect(first).toMatchObject({
      description: 'Mehrzeilig;\n"zitiert"',
      status: 'planned',
      place: 'Lindau',
      coords: { lat: 47.55, lon: 9.68 },
      needs: '<img src=x onerror=alert(1)>',
      offers: 'Räume',
      support: "'-Spenden",
      website: 'https://example.org/a?b=1'
    });
    expect([...first.fieldIds].sort()).toEqual([fields[1]!.id, fields[3]!.id].sort());
    expect(byName.get('Ohne Ort')).toMatchObject({ coords: null, status: 'exists' });

    const geo = initiativesToGeoJson(before, fields);
    expect(geo.features).toHaveLength(1);
    const props = (geo.features[0] as { properties: { fields: string[] } }).properties;
    expect([...props.fields].sort()).toEqual([fields[1]!.name, fields[3]!.name].sort());
    expect(geo.features[0]).toMatchObject({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [9.68, 47.55] },
      properties: {
        name: '=cmd|"/c calc"!A1',
        statusLabel: 'geplant',
        needs: '<img src=x onerror=alert(1)>'
      }
    });
  });
});
