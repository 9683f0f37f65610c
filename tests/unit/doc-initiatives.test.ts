// The Landkarte's schema: commands and reads, seeded concurrent offline edits of one initiative on several
// replicas (no typed text lost), the duplicate merge (nothing either copy held is lost, undoable) and
// tolerance to malformed remote data.
import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import {
  addCooperation,
  addField,
  addInitiative,
  addSupporter,
  createConferenceDocs,
  hideInitiative,
  initConference,
  mergeInitiatives,
  readFields,
  readLandkarte,
  unhideInitiative,
  unmergeInitiative,
  updateInitiative,
  type ConferenceDocs
} from '../../src/lib/doc';
import type { FieldId, InitiativeId, RoomId } from '../../src/lib/model';
import { mulberry32 } from '../helpers/random';

function must<T>(r: { ok: true; value: T } | { ok: false; error: string }): T {
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

function setup(): ConferenceDocs & { fields: FieldId[] } {
  const docs = createConferenceDocs('room-landkarte' as RoomId);
  initConference(docs.control, { title: 'T' });
  return { ...docs, fields: readFields(docs.control).map((f) => f.id) };
}

/** A replica of `docs` (same guids) holding everything `docs` has. */
function replica(docs: ConferenceDocs): ConferenceDocs {
  const r = createConferenceDocs('room-landkarte' as RoomId);
  Y.applyUpdate(r.shared, Y.encodeStateAsUpdate(docs.shared));
  Y.applyUpdate(r.control, Y.encodeStateAsUpdate(docs.control));
  return r;
}

function syncAll(replicas: ConferenceDocs[]): void {
  for (const kind of ['shared', 'control'] as const) {
    const updates = replicas.map((r) => Y.encodeStateAsUpdate(r[kind]));
    for (const r of replicas) for (const u of updates) Y.applyUpdate(r[kind], u, 'remote');
  }
}

describe('initiatives', () => {
  test('add and read: cleaned, defaults, fields, coordinates', () => {
    const docs = setup();
    const id = must(
      addInitiative(docs, {
        name: '  Repair-Café\tWangen ',
        description: 'Wir reparieren.\r\nJeden Samstag.',
        status: 'exists',
        fieldIds: [docs.fields[0]!, docs.fields[0]!, docs.fields[2]!],
        place: 'Wangen im Allgäu',
        coords: { lat: 47.69, lon: 9.83 },
        website: 'repair-wangen.de'
      })
    );
    const [i] = readLandkarte(docs).initiatives;
    expect(i).toMatchObject({
      id,
      name: 'Repair-Café Wangen',
      description: 'Wir reparieren.\nJeden Samstag.',
      status: 'exists',
      place: 'Wangen im Allgäu',
      coords: { lat: 47.69, lon: 9.83 },
      website: 'https://repair-wangen.de',
      needs: '',
      hidden: null
    });
    expect(i!.fieldIds).toEqual([docs.fields[0], docs.fields[2]].sort());
  });

  test('invalid input is refused with a code and the field', () => {
    const docs = setup();
    expect(addInitiative(docs, { name: '  ' })).toEqual({ ok: false, error: 'empty', field: 'name' });
    expect(addInitiative(docs, { name: 'x'.repeat(121) })).toMatchObject({ error: 'tooLong' });
    expect(addInitiative(docs, { name: 'A', website: 'javascript:alert(1)' })).toMatchObject({
      error: 'invalidUrl',
      field: 'website'
    });
    expect(addInitiative(docs, { name: 'A', coords: { lat: 91, lon: 0 } })).toMatchObject({
      error: 'invalidCoordinates'
    });
    expect(addInitiative(docs, { name: 'A', fieldIds: ['nope' as FieldId] })).toMatchObject({
      error: 'unknownField'
    });
    expect(readLandkarte(docs).initiatives).toHaveLength(0);
  });

  test('a field removed later drops out of the initiative', () => {
    const docs = setup();
    const extra = must(addField(docs.control, { name: 'Kultur' }));
    addInitiative(docs, { name: 'A', fieldIds: [extra] });
    expect(readLandkarte(docs).initiatives[0]!.fieldIds).toEqual([extra]);
    docs.control.getMap('fields').delete(extra);
    expect(readLandkarte(docs).initiatives[0]!.fieldIds).toEqual([]);
  });

  test('seeded concurrent offline edits of one initiative on several replicas keep every typed word', () => {
    const seeds = Number(process.env.LANDKARTE_SEEDS ?? 30);
    for (let seed = 1; seed <= seeds; seed++) {
      const rand = mulberry32(seed);
      const origin = setup();
      const id = must(
        addInitiative(origin, { name: 'Dorfladen', description: 'Anfang Ende', needs: 'Helfende' })
      );
      const replicas = [0, 1, 2].map(() => replica(origin));
      const typed: string[] = [];
      const wantFields = new Set<string>();
      for (let step = 0; step < 24; step++) {
        const r = replicas[Math.floor(rand() * replicas.length)]!;
        const i = readLandkarte(r).initiatives[0]!;
        const op = Math.floor(rand() * 4);
        if (op <= 1) {
          // Insert a unique word at a random position of a long text, as a textarea would send it.
          const key = op === 0 ? 'description' : 'needs';
          // A character no other word or text has, three times: the smallest diff inserts exactly it.
          const word = String.fromCharCode(0x4e00 + seed * 64 + step).repeat(3);
          const at = Math.floor(rand() * (i[key].length + 1));
          typed.push(word);
          must(updateInitiative(r, id, { [key]: i[key].slice(0, at) + word + i[key].slice(at) }));
        } else if (op === 2) {
          const f = origin.fields[Math.floor(rand() * origin.fields.length)]!;
          wantFields.add(f);
          must(updateInitiative(r, id, { fieldIds: [...new Set([...i.fieldIds, f])] }));
        } else {
          must(updateInitiative(r, id, { status: rand() < 0.5 ? 'planned' : 'needed' }));
        }
        if (rand() < 0.15) syncAll(replicas.filter(() => rand() < 0.6));
      }
      syncAll(replicas);
      const reads = replicas.map((r) => readLandkarte(r).initiatives[0]!);
      try {
        for (const read of reads) expect(read).toEqual(reads[0]);
        const text = reads[0]!.description + reads[0]!.needs;
        // Later edits may type into an earlier word, so count its characters: all three stay.
        for (const word of typed) expect([...text].filter((c) => c === word[0]).length).toBe(3);
        // And nothing of the texts as they were before.
        const strip = (t: string) => t.replace(/[\u4e00-\u9fff]/g, '');
        expect(strip(reads[0]!.description)).toBe('Anfang Ende');
        expect(strip(reads[0]!.needs)).toBe('Helfende');
      } catch (e) {
        throw new Error(`seed ${seed} (replay with LANDKARTE_SEEDS=${seed}): ${(e as Error).message}`, {
          cause: e
        });
      }
      // Fields are only added in this schedule and a set edit removes only keys the editing replica had
      // read and left out, so every field added on any replica survives the merge.
      for (const f of wantFields) expect(reads[0]!.fieldIds).toContain(f);
    }
  });
});

describe('cooperations and supporters', () => {
  test('cooperation between two initiatives; not with itself', () => {
    const docs = setup();
    const a = must(addInitiative(docs, { name: 'A' }));
    const b = must(addInitiative(docs, { name: 'B' }));
    expect(addCooperation(docs.shared, { a, b: a, kind: 'active' })).toMatchObject({
      error: 'sameInitiative'
    });
    must(addCooperation(docs.shared, { a, b, kind: 'possible', note: 'Gemüsekisten' }));
    expect(readLandkarte(docs).cooperations).toMatchObject([
      { a, b, kind: 'possible', note: 'Gemüsekisten' }
    ]);
  });

  test('supporters need a name and a known kind', () => {
    const docs = setup();
    const a = must(addInitiative(docs, { name: 'A' }));
    expect(addSupporter(docs.shared, { initiativeId: a, kind: 'join', name: ' ' })).toMatchObject({
      error: 'empty'
    });
    must(addSupporter(docs.shared, { initiativeId: a, kind: 'join', name: 'Eva' }));
    expect(readLandkarte(docs).supporters).toMatchObject([{ initiativeId: a, kind: 'join', name: 'Eva' }]);
  });
});

describe('facilitators: merge and hide', () => {
  test('merging a duplicate keeps fields, texts, cooperations and supporters; undo restores it', () => {
    const docs = setup();
    const [f0, f1] = docs.fields as [FieldId, FieldId];
    const target = must(
      addInitiative(docs, { name: 'Solawi Ravensburg', fieldIds: [f0], description: 'Gemüse', place: '' })
    );
    const dup = must(
      addInitiative(docs, {
        name: 'SoLaWi RV',
        fieldIds: [f1],
        description: 'Jede Woche Kisten',
        place: 'Ravensburg',
        coords: { lat: 47.78, lon: 9.61 },
        needs: 'Fahrräder'
      })
    );
    const other = must(addInitiative(docs, { name: 'Dorfladen' }));
    must(addCooperation(docs.shared, { a: dup, b: other, kind: 'active' }));
    must(addCooperation(docs.shared, { a: dup, b: target, kind: 'possible' }));
    must(addSupporter(docs.shared, { initiativeId: dup, kind: 'help', name: 'Max' }));
    must(mergeInitiatives(docs, dup, target));

    const data = readLandkarte(docs);
    expect(data.initiatives.map((i) => i.id)).toEqual([other, target]);
    const merged = data.initiatives.find((i) => i.id === target)!;
    expect(merged.fieldIds).toEqual([f0, f1].sort());
    expect(merged.description).toBe('Gemüse\n\nJede Woche Kisten');
    expect(merged.place).toBe('Ravensburg');
    expect(merged.coords).toEqual({ lat: 47.78, lon: 9.61 });
    expect(merged.needs).toBe('Fahrräder');
    expect(merged.mergedFrom).toEqual([{ id: dup, name: 'SoLaWi RV' }]);
    // The cooperation with the other initiative moves over; the one between the two copies disappears.
    expect(data.cooperations).toMatchObject([{ a: target, b: other, kind: 'active' }]);
    expect(data.supporters).toMatchObject([{ initiativeId: target, name: 'Max' }]);
    expect(data.mergedInto.get(dup)).toBe(target);

    // Merging back the other way is refused (it would make a cycle); undo restores both copies.
    expect(mergeInitiatives(docs, target, dup)).toMatchObject({ ok: false, error: 'sameInitiative' });
    must(unmergeInitiative(docs.control, dup));
    expect(readLandkarte(docs).initiatives.map((i) => i.name)).toEqual([
      'Dorfladen',
      'Solawi Ravensburg',
      'SoLaWi RV'
    ]);
  });

  test('chains of merges end at the last initiative', () => {
    const docs = setup();
    const [a, b, c] = ['A', 'B', 'C'].map((name) => must(addInitiative(docs, { name })));
    must(mergeInitiatives(docs, a!, b!));
    must(mergeInitiatives(docs, b!, c!));
    const data = readLandkarte(docs);
    expect(data.initiatives.map((i) => i.name)).toEqual(['C']);
    expect(data.mergedInto.get(a!)).toBe(c);
  });

  test('concurrent opposite merges never lose both', () => {
    const docs = setup();
    const a = must(addInitiative(docs, { name: 'A' }));
    const b = must(addInitiative(docs, { name: 'B' }));
    const r2 = replica(docs);
    must(mergeInitiatives(docs, a, b));
    must(mergeInitiatives(r2, b, a));
    syncAll([docs, r2]);
    const shown = readLandkarte(docs).initiatives;
    expect(readLandkarte(r2).initiatives).toEqual(shown);
    // a → b → a is a cycle: both replicas keep the smaller id, with the other folded in.
    const [first, second] = [a, b].sort();
    expect(shown.map((i) => i.id)).toEqual([first]);
    expect(shown[0]!.mergedFrom.map((d) => d.id)).toEqual([second]);
  });

  test('hidden initiatives leave the views with their reason and come back', () => {
    const docs = setup();
    const a = must(addInitiative(docs, { name: 'Werbung' }));
    expect(hideInitiative(docs, a, ' ')).toMatchObject({ error: 'empty' });
    must(hideInitiative(docs, a, 'Keine Initiative'));
    expect(readLandkarte(docs).initiatives).toHaveLength(0);
    expect(readLandkarte(docs).hidden).toMatchObject([{ id: a, hidden: { reason: 'Keine Initiative' } }]);
    must(unhideInitiative(docs.control, a));
    expect(readLandkarte(docs).initiatives).toHaveLength(1);
  });
});

describe('malformed remote data', () => {
  test('garbage is skipped or defaulted, never thrown', () => {
    const docs = setup();
    const good = must(addInitiative(docs, { name: 'Gut' }));
    const peer = new Y.Doc({ guid: docs.shared.guid });
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(docs.shared));
    peer.transact(() => {
      const ini = peer.getMap('initiatives');
      ini.set('plain', 'not a map');
      ini.set('bad key!', new Y.Map([['name', 'X']]));
      const evil = new Y.Map<unknown>();
      ini.set('evil', evil);
      evil.set('name', 42);
      evil.set('status', 'maybe');
      evil.set('fields', 'f1,f2');
      evil.set('lat', '47');
      evil.set('lon', 9);
      evil.set('website', 'javascript:alert(1)');
      evil.set('description', ['array']);
      evil.set('needs', 'a plain string');
      const coops = peer.getMap('cooperations');
      coops.set(
        'c1',
        new Y.Map<unknown>([
          ['a', good],
          ['b', 'missing'],
          ['kind', 'active']
        ])
      );
      coops.set(
        'c2',
        new Y.Map<unknown>([
          ['a', good],
          ['b', 'evil'],
          ['kind', 7]
        ])
      );
      peer.getMap('supporters').set(
        's1',
        new Y.Map<unknown>([
          ['initiativeId', good],
          ['kind', 'spy']
        ])
      );
    });
    Y.applyUpdate(docs.shared, Y.encodeStateAsUpdate(peer), 'remote');
    docs.control.getMap('initiativeMerges').set(good, 12);
    docs.control.getMap('initiativeHidden').set('evil', 'not a map');

    const data = readLandkarte(docs);
    const evil = data.initiatives.find((i) => i.id === 'evil')!;
    expect(evil).toMatchObject({
      name: '',
      status: 'exists',
      fieldIds: [],
      coords: null,
      website: '',
      description: '',
      needs: 'a plain string'
    });
    expect(data.initiatives.map((i) => i.id).sort()).toEqual(['evil', good].sort());
    expect(data.cooperations).toMatchObject([{ a: good, b: 'evil', kind: 'possible' }]);
    expect(data.supporters).toEqual([]);
    // Commands still work on top: a plain string long text becomes a Y.Text holding it.
    must(updateInitiative(docs, 'evil' as InitiativeId, { needs: 'a plain string, more' }));
    expect(readLandkarte(docs).initiatives.find((i) => i.id === 'evil')!.needs).toBe('a plain string, more');
  });
});
