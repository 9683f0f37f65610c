// The Aktionspool's actions as plain data, and the versioned exchange file regions use to share their own
// actions. A damaged or foreign file is refused as a whole with a reason; nothing is half imported.

import { cleanText } from './text';
import { err, ok, type Result } from './result';

export type PoolField = 'food' | 'energy' | 'housing' | 'mobility' | 'economy' | 'social';
export const POOL_FIELDS: readonly PoolField[] = [
  'food',
  'energy',
  'housing',
  'mobility',
  'economy',
  'social'
];
export type PoolEffort = 'low' | 'medium' | 'high';
export const POOL_EFFORTS: readonly PoolEffort[] = ['low', 'medium', 'high'];
export type PoolRegion = 'village' | 'smallTown' | 'city';
export const POOL_REGIONS: readonly PoolRegion[] = ['village', 'smallTown', 'city'];

export interface PoolAction {
  id: string;
  title: string;
  field: PoolField;
  effort: PoolEffort;
  /** Kinds of region it suits. */
  regions: PoolRegion[];
  /** What it achieves. */
  achieves: string;
  /** First steps. */
  steps: string[];
  /** Typical partners. */
  partners: string[];
  /** Shipped with the app, or added by this conference's region. */
  source: 'pool' | 'region';
}

export const POOL_LIMITS = Object.freeze({
  title: 120,
  achieves: 600,
  item: 200,
  items: 12,
  /** Actions in one exchange file. */
  fileActions: 500,
  /** Bytes of one exchange file. */
  fileBytes: 1_000_000
});

export const POOL_FILE_FORMAT = 'stadt-land-tisch/aktionen';
export const POOL_FILE_VERSION = 1;

export type PoolFileError = 'tooLarge' | 'notJson' | 'wrongFormat' | 'newerVersion' | 'badAction' | 'empty';

const has = <T extends string>(list: readonly T[], v: unknown): v is T => list.includes(v as T);
const isText = (v: unknown, max: number): v is string =>
  typeof v === 'string' && v.trim().length > 0 && v.length <= max;
const textList = (v: unknown): string[] | null =>
  Array.isArray(v) && v.length <= POOL_LIMITS.items && v.every((s) => isText(s, POOL_LIMITS.item))
    ? v.map((s: string) => cleanText(s, POOL_LIMITS.item, { singleLine: true }))
    : null;

/** One action from untrusted data, or null when anything about it is wrong. */
export function parsePoolAction(raw: unknown): Omit<PoolAction, 'id' | 'source'> | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  const steps = textList(r.steps);
  const partners = textList(r.partners);
  if (!isText(r.title, POOL_LIMITS.title) || !isText(r.achieves, POOL_LIMITS.achieves)) return null;
  if (!has(POOL_FIELDS, r.field) || !has(POOL_EFFORTS, r.effort)) return null;
  if (!Array.isArray(r.regions) || !r.regions.every((x) => has(POOL_REGIONS, x))) return null;
  if (!steps || !partners) return null;
  return {
    title: cleanText(r.title, POOL_LIMITS.title, { singleLine: true }),
    field: r.field,
    effort: r.effort,
    regions: [...new Set(r.regions as PoolRegion[])],
    achieves: cleanText(r.achieves, POOL_LIMITS.achieves),
    steps,
    partners
  };
}

/** The exchange file's text for these actions. */
export function exportPoolFile(actions: readonly PoolAction[], exportedAt = new Date()): string {
  return JSON.stringify(
    {
      format: POOL_FILE_FORMAT,
      version: POOL_FILE_VERSION,
      exportedAt: exportedAt.toISOString(),
      actions: actions.map(({ title, field, effort, regions, achieves, steps, partners }) => ({
        title,
        field,
        effort,
        regions,
        achieves,
        steps,
        partners
      }))
    },
    null,
    2
  );
}

/** Reads an exchange file: all its actions, or an error and none (damaged files change nothing). */
export function parsePoolFile(text: string): Result<Omit<PoolAction, 'id' | 'source'>[], PoolFileError> {
  if (text.length > POOL_LIMITS.fileBytes) return err('tooLarge');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return err('notJson');
  }
  if (typeof data !== 'object' || data === null) return err('wrongFormat');
  const d = data as Record<string, unknown>;
  if (d.format !== POOL_FILE_FORMAT || typeof d.version !== 'number') return err('wrongFormat');
  if (d.version > POOL_FILE_VERSION) return err('newerVersion');
  if (!Array.isArray(d.actions) || d.actions.length > POOL_LIMITS.fileActions) return err('wrongFormat');
  if (d.actions.length === 0) return err('empty');
  const out: Omit<PoolAction, 'id' | 'source'>[] = [];
  for (const raw of d.actions) {
    const action = parsePoolAction(raw);
    if (!action) return err('badAction');
    out.push(action);
  }
  return ok(out);
}

/** The idea an adopted action becomes: its title and first steps, within the idea's length limit. */
export function adoptedIdeaText(action: PoolAction, firstStepsLabel: string, max: number): string {
  let text = action.title;
  const steps: string[] = [];
  for (const step of action.steps) {
    const next = `${action.title}\n${firstStepsLabel}\n${[...steps, step].map((s) => `– ${s}`).join('\n')}`;
    if (next.length > max) break;
    steps.push(step);
    text = next;
  }
  return text;
}
