// Search over the shipped Aktionspool: compound words, umlaut spellings, typos, filters; and the pool's
// shape (at least 30 actions, every one complete and valid as an exchange-file action).
import { describe, expect, test } from 'vitest';
import { ACTION_POOL } from '../../src/lib/content/action-pool';
import { PoolSearch } from '../../src/lib/content/pool-search';
import { parsePoolAction } from '../../src/lib/model';

const search = new PoolSearch(ACTION_POOL);
const ids = (query: string, filter = {}) => search.search(query, filter).map((a) => a.id);

describe('the shipped pool', () => {
  test('has at least 30 complete actions with unique ids', () => {
    expect(ACTION_POOL.length).toBeGreaterThanOrEqual(30);
    expect(new Set(ACTION_POOL.map((a) => a.id)).size).toBe(ACTION_POOL.length);
    for (const action of ACTION_POOL) expect(parsePoolAction(action), action.id).not.toBeNull();
  });
});

describe('pool search', () => {
  test('finds a word inside a compound: Energie in Bürgerenergie, Laden in Dorfladen', () => {
    expect(ids('Energie')).toContain('buergerenergie');
    expect(ids('Energie').slice(0, 5)).toContain('buergerenergie');
    expect(ids('laden')).toContain('dorfladen');
    expect(ids('Garten')[0]).toBe('gemeinschaftsgarten');
    expect(ids('Genossenschaft')).toEqual(expect.arrayContaining(['buergerenergie', 'dorfladen']));
  });

  test('tolerates umlaut spellings both ways', () => {
    expect(ids('Buergerenergie')[0]).toBe('buergerenergie');
    expect(ids('Bürgerenergie')[0]).toBe('buergerenergie');
    expect(ids('Bürgerbus')[0]).toBe('buergerbus');
    expect(ids('Buergerbus')[0]).toBe('buergerbus');
    expect(ids('Strassen')).toEqual(ids('Straßen'));
  });

  test('tolerates typos', () => {
    expect(ids('Mitfahrbnak')).toContain('mitfahrbank');
    expect(ids('Repair-Cafe')[0]).toBe('repair-cafe');
    expect(ids('Fodsharing')).toContain('foodsharing');
    expect(ids('Solidarishe Landwirtschaft')[0]).toBe('solawi');
  });

  test('several words must all match; filters by Handlungsfeld and effort', () => {
    expect(ids('Genossenschaft Energie')).toContain('buergerenergie');
    expect(ids('Genossenschaft Energie')).not.toContain('dorfladen');
    expect(ids('', { field: 'mobility' })).toEqual(
      expect.arrayContaining(['mitfahrbank', 'buergerbus', 'lastenrad'])
    );
    for (const a of search.search('', { field: 'energy', effort: 'low' })) {
      expect([a.field, a.effort]).toEqual(['energy', 'low']);
    }
    expect(ids('Mitfahrbank', { field: 'energy' })).toEqual([]);
    expect(ids('')).toHaveLength(ACTION_POOL.length);
  });

  test('a word that is nowhere finds nothing', () => {
    expect(ids('Raumfahrtbahnhof')).toEqual([]);
  });
});
