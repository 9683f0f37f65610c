// The programme in the control document: commands, reads and times; malformed remote data; and a seeded
// convergence run where facilitators reorder, retime and shift concurrently.
import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import {
  addProgrammeItem,
  applyTemplate,
  createConferenceDocs,
  lockBoard,
  moveProgrammeItem,
  readPolicy,
  readProgramme,
  readRun,
  removeProgrammeItem,
  shiftFrom,
  startProgrammeItem,
  stopProgramme,
  updateProgrammeItem
} from '../../src/lib/doc';
import {
  nowAndNext,
  parseMinutes,
  formatMinutes,
  schedule,
  type ItemId,
  type RoomId
} from '../../src/lib/model';
import { mulberry32 } from '../helpers/random';

const control = () => createConferenceDocs('room-programme' as RoomId).control;

function must<T>(r: { ok: true; value: T } | { ok: false; error: string }): T {
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

const times = (doc: Y.Doc) =>
  schedule(readProgramme(doc)).map((d) =>
    d.items.map((i) => `${i.title} ${formatMinutes(i.start)}-${formatMinutes(i.end)}`)
  );

describe('programme commands and times', () => {
  test('items follow each other; a fixed start anchors, an early one is flagged as overlap', () => {
    const doc = control();
    must(
      addProgrammeItem(doc, { kind: 'arrival', title: 'Ankommen', duration: 30, fixedStart: 9 * 60 + 30 })
    );
    must(addProgrammeItem(doc, { kind: 'welcome', title: 'Begrüßung', duration: 15 }));
    const lunch = must(
      addProgrammeItem(doc, { kind: 'break', title: 'Mittag', duration: 60, fixedStart: 12 * 60 })
    );
    must(addProgrammeItem(doc, { kind: 'closing', title: 'Abschluss', duration: 20, day: 1 }));
    expect(times(doc)).toEqual([
      ['Ankommen 09:30-10:00', 'Begrüßung 10:00-10:15', 'Mittag 12:00-13:00'],
      ['Abschluss 09:00-09:20']
    ]);
    must(updateProgrammeItem(doc, lunch, { fixedStart: 10 * 60 }));
    const day0 = schedule(readProgramme(doc))[0]!.items;
    expect(day0.map((i) => i.overlap)).toEqual([false, false, true]);
  });

  test('invalid input is refused with a code and the field, nothing written', () => {
    const doc = control();
    expect(addProgrammeItem(doc, { kind: 'talk', duration: 0 })).toMatchObject({
      ok: false,
      error: 'invalidTime',
      field: 'duration'
    });
    expect(addProgrammeItem(doc, { kind: 'talk', duration: 10, fixedStart: 1440 })).toMatchObject({
      error: 'invalidTime',
      field: 'fixedStart'
    });
    expect(addProgrammeItem(doc, { kind: 'talk', duration: 10, link: 'javascript:alert(1)' })).toMatchObject({
      error: 'invalidLink',
      field: 'link'
    });
    expect(addProgrammeItem(doc, { kind: 'dance' as never, duration: 10 })).toMatchObject({
      error: 'invalidKind'
    });
    expect(addProgrammeItem(doc, { kind: 'talk', duration: 10, title: 'x'.repeat(121) })).toMatchObject({
      error: 'tooLong',
      field: 'title'
    });
    expect(readProgramme(doc)).toEqual([]);
    expect(updateProgrammeItem(doc, 'nope' as ItemId, { title: 'x' })).toMatchObject({ error: 'notFound' });
  });

  test('moving within a day and to another day changes times, not the items', () => {
    const doc = control();
    const [a, b, c] = ['A', 'B', 'C'].map((title) =>
      must(addProgrammeItem(doc, { kind: 'method', title, duration: 30 }))
    );
    must(moveProgrammeItem(doc, c!, 0, 0));
    expect(times(doc)).toEqual([['C 09:00-09:30', 'A 09:30-10:00', 'B 10:00-10:30']]);
    must(moveProgrammeItem(doc, a!, 1, 0));
    expect(times(doc)).toEqual([['C 09:00-09:30', 'B 09:30-10:00'], ['A 09:00-09:30']]);
    expect(moveProgrammeItem(doc, b!, 14, 0)).toMatchObject({ error: 'invalidTime' });
    expect(readProgramme(doc)).toHaveLength(3);
  });

  test('an item running over shifts the rest of its day with one action', () => {
    const doc = control();
    const talk = must(
      addProgrammeItem(doc, { kind: 'talk', title: 'Impuls', duration: 30, fixedStart: 600 })
    );
    must(addProgrammeItem(doc, { kind: 'tables', title: 'Runde', duration: 45 }));
    must(addProgrammeItem(doc, { kind: 'break', title: 'Mittag', duration: 60, fixedStart: 12 * 60 }));
    must(addProgrammeItem(doc, { kind: 'closing', title: 'Morgen', duration: 30, fixedStart: 600, day: 1 }));
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    must(shiftFrom(doc, talk, 15));
    expect(updates).toHaveLength(1);
    expect(times(doc)).toEqual([
      ['Impuls 10:00-10:45', 'Runde 10:45-11:30', 'Mittag 12:15-13:15'],
      ['Morgen 10:00-10:30']
    ]);
    expect(shiftFrom(doc, talk, -45)).toMatchObject({ error: 'invalidTime' });
  });

  test('starting a Thementische item makes it now, opens the round; stop ends the run', () => {
    const doc = control();
    const welcome = must(addProgrammeItem(doc, { kind: 'welcome', title: 'Begrüßung', duration: 15 }));
    const round = must(
      addProgrammeItem(doc, { kind: 'tables', title: 'Runde 1', duration: 40, room: 'Saal' })
    );
    lockBoard(doc);
    must(startProgrammeItem(doc, welcome, 1000));
    expect(readPolicy(doc).locked).toBe(true);
    let nn = nowAndNext(schedule(readProgramme(doc)), readRun(doc), 1000 + 5 * 60_000);
    expect([nn.now?.id, nn.next?.id, nn.remainingMs]).toEqual([welcome, round, 10 * 60_000]);
    // A device whose clock runs behind the starter's never shows more than the whole duration left.
    nn = nowAndNext(schedule(readProgramme(doc)), readRun(doc), 0);
    expect(nn.remainingMs).toBe(15 * 60_000);
    must(startProgrammeItem(doc, round, 2000));
    expect(readPolicy(doc).locked).toBe(false);
    nn = nowAndNext(schedule(readProgramme(doc)), readRun(doc), 2000);
    expect([nn.now?.room, nn.next]).toEqual(['Saal', null]);
    must(stopProgramme(doc));
    nn = nowAndNext(schedule(readProgramme(doc)), readRun(doc), 0);
    expect([nn.now, nn.next?.id]).toEqual([null, welcome]);
    // The running item removed: nothing is now.
    must(startProgrammeItem(doc, round, 3000));
    must(removeProgrammeItem(doc, round));
    expect(nowAndNext(schedule(readProgramme(doc)), readRun(doc), 0).now).toBeNull();
  });

  test('a template lands after existing items, day by day, all or nothing', () => {
    const doc = control();
    must(addProgrammeItem(doc, { kind: 'welcome', title: 'Erstes', duration: 10 }));
    const ids = must(
      applyTemplate(doc, [
        { kind: 'method', title: 'T1', duration: 20 },
        { kind: 'method', title: 'T2', duration: 20 },
        { kind: 'closing', title: 'T3', duration: 20, day: 1, fixedStart: 600 }
      ])
    );
    expect(ids).toHaveLength(3);
    expect(times(doc)).toEqual([
      ['Erstes 09:00-09:10', 'T1 09:10-09:30', 'T2 09:30-09:50'],
      ['T3 10:00-10:20']
    ]);
    expect(
      applyTemplate(doc, [
        { kind: 'method', title: 'ok', duration: 5 },
        { kind: 'method', title: 'bad', duration: 0 }
      ])
    ).toMatchObject({ ok: false });
    expect(readProgramme(doc)).toHaveLength(4);
  });

  test('times parse and format', () => {
    expect(parseMinutes('9:05')).toBe(545);
    expect(parseMinutes('24:00')).toBeNull();
    expect(parseMinutes('abc')).toBeNull();
    expect(formatMinutes(1445)).toBe('00:05');
  });

  test('malformed remote entries are skipped or defaulted, a malformed run reads as not running', () => {
    const doc = control();
    doc.transact(() => {
      const map = doc.getMap('programme');
      map.set('plain', 'not a map');
      map.set('bad key!', new Y.Map());
      const weird = new Y.Map<unknown>();
      map.set('weird', weird);
      weird.set('duration', -5);
      weird.set('day', 99);
      weird.set('kind', 'party');
      weird.set('link', 'javascript:x');
      weird.set('fixedStart', 'noon');
      doc.getMap('run').set('current', { itemId: 5 });
    });
    expect(readProgramme(doc)).toEqual([
      expect.objectContaining({
        id: 'weird',
        day: 0,
        duration: 30,
        kind: 'method',
        link: '',
        fixedStart: null
      })
    ]);
    expect(readRun(doc)).toEqual({ itemId: null, startedAt: null });
  });
});

describe('programme convergence', () => {
  const seeds = Array.from({ length: 40 }, (_, i) => i + 1);
  test.each(seeds)(
    'seed %i: concurrent reorders, retimes and shifts converge, nothing duplicated or lost',
    (seed) => {
      const rng = mulberry32(seed);
      const pick = <T>(list: readonly T[]): T => list[Math.floor(rng() * list.length)] as T;
      const replicas = [control(), control(), control()];
      const base = replicas[0]!;
      const created = new Set<string>();
      for (let i = 0; i < 6; i++)
        created.add(
          must(addProgrammeItem(base, { kind: 'method', title: `I${i}`, duration: 30, day: i % 2 }))
        );
      const sync = (a: Y.Doc, b: Y.Doc) => {
        Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
        Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
      };
      for (const r of replicas.slice(1)) sync(base, r);
      const removed = new Set<string>();
      for (let step = 0; step < 60; step++) {
        const doc = pick(replicas);
        const items = readProgramme(doc);
        const item = items.length > 0 ? pick(items) : null;
        const op = rng();
        if (op < 0.3 && item) moveProgrammeItem(doc, item.id, Math.floor(rng() * 2), Math.floor(rng() * 6));
        else if (op < 0.5 && item)
          updateProgrammeItem(doc, item.id, { duration: 5 + Math.floor(rng() * 60) });
        else if (op < 0.6 && item)
          updateProgrammeItem(doc, item.id, {
            fixedStart: rng() < 0.5 ? null : 480 + Math.floor(rng() * 300)
          });
        else if (op < 0.75 && item) shiftFrom(doc, item.id, 5);
        else if (op < 0.85)
          created.add(
            must(
              addProgrammeItem(doc, {
                kind: 'talk',
                title: `N${step}`,
                duration: 20,
                day: Math.floor(rng() * 2)
              })
            )
          );
        else if (op < 0.9 && item) {
          removeProgrammeItem(doc, item.id);
          removed.add(item.id);
        } else if (item) startProgrammeItem(doc, item.id, step);
        if (rng() < 0.3) sync(pick(replicas), pick(replicas));
      }
      for (let round = 0; round < 2; round++)
        for (const a of replicas) for (const b of replicas) if (a !== b) sync(a, b);
      const reads = replicas.map((r) => JSON.stringify([schedule(readProgramme(r)), readRun(r)]));
      const replay = `seed ${seed} (replay: npx vitest run tests/unit/doc-programme.test.ts -t "seed ${seed}:")`;
      expect(new Set(reads).size, replay).toBe(1);
      const ids = readProgramme(base).map((i) => i.id);
      expect(new Set(ids).size, replay).toBe(ids.length);
      expect(new Set(ids), replay).toEqual(new Set([...created].filter((id) => !removed.has(id))));
    }
  );
});
