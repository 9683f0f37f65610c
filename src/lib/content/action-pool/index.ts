// The Aktionspool: best-practice actions other regions already did, our own short write-ups (German).
// Each names its Handlungsfeld, what it achieves, the effort, first steps, typical partners and the kind of
// region it suits. Loaded only on the pool page (dynamic import there), never before.

import type { PoolAction } from '../../model/pool';
import { ECONOMY } from './economy';
import { ENERGY } from './energy';
import { FOOD } from './food';
import { HOUSING } from './housing';
import { MOBILITY } from './mobility';
import type { Row } from './row';
import { SOCIAL } from './social';

/**
 * The pool's order (as first written, before the split by Handlungsfeld): search results of equal score
 * keep it. An action not named here comes after those that are.
 */
const ORDER: readonly string[] = [
  'solawi',
  'regionalwert-ag',
  'dorfladen',
  'repair-cafe',
  'buergerenergie',
  'mitfahrbank',
  'foodsharing',
  'gemeinschaftsgarten',
  'buergerbus',
  'tauschring',
  'klimaschutz-stammtisch',
  'balkonkraftwerk',
  'waermenetz',
  'energieberatung',
  'carsharing',
  'lastenrad',
  'radwege-check',
  'gemeinschaftswohnen',
  'leerstand',
  'wohnen-fuer-hilfe',
  'baustoffboerse',
  'regionalmarke',
  'wochenmarkt',
  'gemeinschaftskueche',
  'nachbarschaftshilfe',
  'dorfgespraech',
  'streuobst',
  'schulgarten',
  'coworking',
  'regionalgeld',
  'bienenweide',
  'pv-schuldach',
  'kulturscheune'
];

const rank = (row: Row): number => {
  const at = ORDER.indexOf(row.id);
  return at < 0 ? ORDER.length : at;
};

export const ACTION_POOL: readonly PoolAction[] = [
  ...FOOD,
  ...ENERGY,
  ...HOUSING,
  ...MOBILITY,
  ...ECONOMY,
  ...SOCIAL
]
  .sort((x, y) => rank(x) - rank(y))
  .map((row) => ({ ...row, source: 'pool' as const }));
