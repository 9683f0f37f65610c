// The shape an Aktionspool action is written in here, and the helper that writes one.

import type { PoolAction } from '../../model/pool';

/** An action as written here; index.ts marks each as shipped (`source: 'pool'`). */
export type Row = Omit<PoolAction, 'source'>;

/** One action, its fields in a fixed order so the data files stay short. */
export const a = (
  id: string,
  title: string,
  field: PoolAction['field'],
  effort: PoolAction['effort'],
  regions: PoolAction['regions'],
  achieves: string,
  steps: string[],
  partners: string[]
): Row => ({ id, title, field, effort, regions, achieves, steps, partners });
