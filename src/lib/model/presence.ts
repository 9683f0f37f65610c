// Presence from awareness states (issue 11): each device says only where it is (a table or none) and its
// role, no names. Reading distrusts what other devices sent; projectors are not counted.
import { isEntityId, type TableId } from './ids';
import type { Role } from './types';

/** This device's field in the awareness state. */
export const PRESENCE_FIELD = 'slt';

export type PresenceRole = Role | 'projector';

export interface PresenceState {
  table: TableId | null;
  role: PresenceRole;
}

export interface PresenceCounts {
  /** Devices in the conference (projectors not counted). */
  total: number;
  byTable: ReadonlyMap<TableId, number>;
}

const PRESENCE_ROLES: readonly string[] = ['facilitator', 'participant', 'viewer', 'projector'];

/** Reads one awareness state; anything malformed is not counted. */
export function parsePresence(state: unknown): PresenceState | null {
  if (typeof state !== 'object' || state === null) return null;
  const v = (state as Record<string, unknown>)[PRESENCE_FIELD];
  if (typeof v !== 'object' || v === null) return null;
  const { table, role } = v as Record<string, unknown>;
  if (typeof role !== 'string' || !PRESENCE_ROLES.includes(role)) return null;
  return { table: isEntityId(table) ? (table as TableId) : null, role: role as PresenceRole };
}

export function countPresence(states: Iterable<unknown>): PresenceCounts {
  let total = 0;
  const byTable = new Map<TableId, number>();
  for (const state of states) {
    const p = parsePresence(state);
    if (!p || p.role === 'projector') continue;
    total++;
    if (p.table) byTable.set(p.table, (byTable.get(p.table) ?? 0) + 1);
  }
  return { total, byTable };
}
