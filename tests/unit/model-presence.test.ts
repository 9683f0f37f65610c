// Presence from awareness states (model/presence.ts): counts per conference and table, projectors and
// malformed states (another app version, a hostile peer) not counted.
import { describe, expect, test } from 'vitest';
import { countPresence, parsePresence, type TableId } from '../../src/lib/model';

const T1 = 'tableAAAAAAAAAAA' as TableId;
const T2 = 'tableBBBBBBBBBBB' as TableId;
const at = (table: string | null, role: string) => ({ slt: { table, role } });

describe('presence', () => {
  test('counts devices in the conference and per table, not projectors', () => {
    const counts = countPresence([
      at(T1, 'participant'),
      at(T1, 'participant'),
      at(T2, 'facilitator'),
      at(null, 'viewer'),
      at(T1, 'projector')
    ]);
    expect(counts.total).toBe(4);
    expect(counts.byTable.get(T1)).toBe(2);
    expect(counts.byTable.get(T2)).toBe(1);
  });

  test('malformed states are not counted; a bad table id counts in the conference only', () => {
    expect(parsePresence({})).toBeNull();
    expect(parsePresence(null)).toBeNull();
    expect(parsePresence({ slt: 'x' })).toBeNull();
    expect(parsePresence(at(T1, 'king'))).toBeNull();
    expect(parsePresence(at('<script>', 'participant'))).toEqual({ table: null, role: 'participant' });
    expect(countPresence([{}, { user: { name: 'x' } }, at(T1, 'king')]).total).toBe(0);
  });
});
