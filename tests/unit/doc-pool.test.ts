// The region's own Aktionspool actions: added and read back through the control document, exported and
// imported as a versioned file; a damaged, foreign or newer file is refused with a reason and changes
// nothing; adopting an action makes an idea with its first steps within the idea's limit.
import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { addPoolActions, createConferenceDocs, readPoolActions } from '../../src/lib/doc';
import {
  adoptedIdeaText,
  exportPoolFile,
  parsePoolFile,
  POOL_FILE_FORMAT,
  type PoolAction,
  type RoomId
} from '../../src/lib/model';
import { ACTION_POOL } from '../../src/lib/content/action-pool';

const control = () => createConferenceDocs('room-pool-test' as RoomId).control;
const own = {
  title: 'Dorfkino im Gemeindesaal',
  field: 'social',
  effort: 'low',
  regions: ['village'],
  achieves: 'Einmal im Monat ein Film und ein Treffpunkt für alle Generationen.',
  steps: ['Lizenz klären', 'Beamer leihen'],
  partners: ['Gemeinde', 'Kulturverein']
} as const;

describe('the region’s own actions', () => {
  test('are added, read back and survive an export and import into another conference', () => {
    const a = control();
    const r = addPoolActions(a, [
      { ...own, regions: [...own.regions], steps: [...own.steps], partners: [...own.partners] }
    ]);
    expect(r.ok).toBe(true);
    const read = readPoolActions(a);
    expect(read).toEqual([expect.objectContaining({ ...own, source: 'region' })]);
    const file = exportPoolFile(read);
    const parsed = parsePoolFile(file);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const b = control();
    addPoolActions(b, parsed.value);
    expect(readPoolActions(b).map((x) => x.title)).toEqual([own.title]);
  });

  test('a damaged, foreign, newer or partly invalid file is refused and nothing is added', () => {
    const b = control();
    const good = JSON.parse(
      exportPoolFile([
        {
          ...own,
          id: 'x',
          source: 'region',
          regions: ['village'],
          steps: ['a'],
          partners: ['b']
        } as PoolAction
      ])
    );
    const cases: [string, string][] = [
      ['{"format": "stadt-land-tisch/akt', 'notJson'],
      [JSON.stringify({ format: 'other', version: 1, actions: [] }), 'wrongFormat'],
      [JSON.stringify({ ...good, version: 99 }), 'newerVersion'],
      [
        JSON.stringify({ ...good, actions: [...good.actions, { ...good.actions[0], effort: 'huge' }] }),
        'badAction'
      ],
      [JSON.stringify({ ...good, actions: [{ ...good.actions[0], title: 'x'.repeat(121) }] }), 'badAction'],
      [JSON.stringify({ format: POOL_FILE_FORMAT, version: 1, actions: [] }), 'empty'],
      ['x'.repeat(1_000_001), 'tooLarge']
    ];
    for (const [text, error] of cases) {
      const r = parsePoolFile(text);
      expect(r, error).toMatchObject({ ok: false, error });
    }
    // The command refuses a whole batch with one bad action, too.
    expect(
      addPoolActions(b, [
        { ...own, regions: ['village'], steps: [], partners: [] },
        { ...own, title: '' } as never
      ]).ok
    ).toBe(false);
    expect(readPoolActions(b)).toEqual([]);
  });

  test('malformed remote entries are skipped', () => {
    const doc = control();
    doc.transact(() => {
      const map = doc.getMap('poolActions');
      map.set('plain', 'not a map');
      const bad = new Y.Map<unknown>();
      map.set('bad', bad);
      bad.set('title', 'Ohne Feld');
    });
    expect(readPoolActions(doc)).toEqual([]);
  });

  test('an adopted action becomes an idea with its first steps, within the limit', () => {
    const action = ACTION_POOL.find((x) => x.id === 'repair-cafe')!;
    const text = adoptedIdeaText(action, 'Erste Schritte', 500);
    expect(text.split('\n').slice(0, 3)).toEqual(['Repair-Café', 'Erste Schritte', `– ${action.steps[0]}`]);
    expect(text.split('\n')).toHaveLength(2 + action.steps.length);
    const short = adoptedIdeaText(action, 'Erste Schritte', 90);
    expect(short.length).toBeLessThanOrEqual(90);
    expect(short.startsWith('Repair-Café')).toBe(true);
  });
});
