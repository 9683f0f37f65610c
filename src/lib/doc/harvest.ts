// The Ernte of each Thementisch (control doc, root `harvest` keyed by TableId; facilitators write, everyone
// reads) and the conference-day baseline of the action plans (control root `conferenceEnd`, key
// `baseline`): plain JSON of each plan's status, steps done and notes count, written once when a facilitator
// marks the conference as ended, so the Erfolgs-Workshop months later compares today with that day.

import * as Y from 'yjs';
import {
  cleanText,
  err,
  isEntityId,
  isPlanStatus,
  newStepId,
  ok,
  PLAN_LIMITS,
  validateText,
  type CommandError,
  type ConferenceEnd,
  type Harvest,
  type HarvestCluster,
  type HarvestStep,
  type PlanBaseline,
  type Result,
  type StepId,
  type TableId
} from '../model';
import { LOCAL_ORIGIN, type DocOrigin } from './origin';
import { compareOrdered, keyAfter, planMove } from './order';
import { asEntity, ROOT, rootMap } from './schema';
import { applyTextDiff, rebaseTextEdit } from './text-diff';
import { setIfChanged, writableRoot } from './write';

export const H = Object.freeze({
  results: 'results',
  clusters: 'clusters',
  steps: 'steps',
  updatedAt: 'updatedAt'
});
export const S = Object.freeze({ text: 'text', who: 'who', order: 'order' });
export const BASELINE = 'baseline';
const MAX_CLUSTERS = 10;

/** The table's harvest map, created on first write. Must run inside a transaction. */
function harvestMap(control: Y.Doc, tableId: TableId): Y.Map<unknown> {
  const root = writableRoot(control, ROOT.harvest);
  const existing = asEntity(root.get(tableId));
  if (existing) return existing;
  const m = new Y.Map<unknown>();
  root.set(tableId, m);
  m.set(H.results, new Y.Text(''));
  m.set(H.clusters, []);
  m.set(H.steps, new Y.Map());
  return m;
}

function stepsOf(m: Y.Map<unknown>): Y.Map<unknown> {
  const v = m.get(H.steps);
  if (v instanceof Y.Map) return v as Y.Map<unknown>;
  const fresh = new Y.Map<unknown>();
  m.set(H.steps, fresh);
  return fresh;
}

const touch = (m: Y.Map<unknown>) => m.set(H.updatedAt, Date.now());

export function setHarvestResults(
  control: Y.Doc,
  tableId: TableId,
  next: string,
  base?: string,
  origin: DocOrigin = LOCAL_ORIGIN
): Result<void, CommandError> {
  if (!isEntityId(tableId)) return err('notFound');
  const v = validateText(next, { max: PLAN_LIMITS.harvestResults });
  if (!v.ok) return err(v.error, 'results');
  control.transact(() => {
    const m = harvestMap(control, tableId);
    let t = m.get(H.results);
    if (!(t instanceof Y.Text)) {
      t = new Y.Text(typeof t === 'string' ? t : '');
      m.set(H.results, t);
    }
    const text = t as Y.Text;
    const before = text.toString();
    if (base === undefined) applyTextDiff(text, v.value);
    else rebaseTextEdit(text, base, v.value);
    if (text.toString() !== before) touch(m);
  }, origin);
  return ok(undefined);
}

/** The strongest clusters the host chose (title and points), replaced whole. */
export function setHarvestClusters(
  control: Y.Doc,
  tableId: TableId,
  clusters: readonly HarvestCluster[],
  origin: DocOrigin = LOCAL_ORIGIN
): Result<void, CommandError> {
  if (!isEntityId(tableId)) return err('notFound');
  const clean: HarvestCluster[] = [];
  for (const c of clusters.slice(0, MAX_CLUSTERS)) {
    const title = validateText(c.title, { max: PLAN_LIMITS.harvestCluster, singleLine: true });
    if (!title.ok) return err(title.error, 'clusters');
    const points = Number.isFinite(c.points) ? Math.max(0, Math.trunc(c.points)) : 0;
    if (title.value) clean.push({ title: title.value, points });
  }
  control.transact(() => {
    const m = harvestMap(control, tableId);
    m.set(H.clusters, clean);
    touch(m);
  }, origin);
  return ok(undefined);
}

export function addHarvestStep(
  control: Y.Doc,
  tableId: TableId,
  input: { text: string; who?: string },
  origin: DocOrigin = LOCAL_ORIGIN
): Result<StepId, CommandError> {
  if (!isEntityId(tableId)) return err('notFound');
  const text = validateText(input.text, { max: PLAN_LIMITS.stepText, required: true, singleLine: true });
  if (!text.ok) return err(text.error, 'text');
  const who = validateText(input.who ?? '', { max: PLAN_LIMITS.who, singleLine: true });
  if (!who.ok) return err(who.error, 'who');
  const id = newStepId();
  control.transact(() => {
    const m = harvestMap(control, tableId);
    const steps = stepsOf(m);
    const s = new Y.Map<unknown>();
    steps.set(id, s);
    s.set(S.text, text.value);
    s.set(S.who, who.value);
    s.set(S.order, keyAfter(readSteps(steps).map((x) => x.order)));
    touch(m);
  }, origin);
  return ok(id);
}

export function updateHarvestStep(
  control: Y.Doc,
  tableId: TableId,
  stepId: StepId,
  patch: { text?: string; who?: string },
  origin: DocOrigin = LOCAL_ORIGIN
): Result<void, CommandError> {
  const m = asEntity(rootMap(control, ROOT.harvest)?.get(tableId));
  const steps = m?.get(H.steps);
  const s = steps instanceof Y.Map ? asEntity(steps.get(stepId)) : null;
  if (!m || !s) return err('notFound');
  const writes: [string, string][] = [];
  if (patch.text !== undefined) {
    const v = validateText(patch.text, { max: PLAN_LIMITS.stepText, required: true, singleLine: true });
    if (!v.ok) return err(v.error, 'text');
    writes.push([S.text, v.value]);
  }
  if (patch.who !== undefined) {
    const v = validateText(patch.who, { max: PLAN_LIMITS.who, singleLine: true });
    if (!v.ok) return err(v.error, 'who');
    writes.push([S.who, v.value]);
  }
  control.transact(() => {
    for (const [k, v] of writes) setIfChanged(s, k, v);
    touch(m);
  }, origin);
  return ok(undefined);
}

export function removeHarvestStep(
  control: Y.Doc,
  tableId: TableId,
  stepId: StepId,
  origin: DocOrigin = LOCAL_ORIGIN
): Result<void, CommandError> {
  const m = asEntity(rootMap(control, ROOT.harvest)?.get(tableId));
  const steps = m?.get(H.steps);
  if (!m || !(steps instanceof Y.Map) || !steps.has(stepId)) return err('notFound');
  control.transact(() => {
    steps.delete(stepId);
    touch(m);
  }, origin);
  return ok(undefined);
}

export function moveHarvestStep(
  control: Y.Doc,
  tableId: TableId,
  stepId: StepId,
  toIndex: number,
  origin: DocOrigin = LOCAL_ORIGIN
): Result<void, CommandError> {
  if (!Number.isInteger(toIndex)) return err('invalidPosition');
  const m = asEntity(rootMap(control, ROOT.harvest)?.get(tableId));
  const steps = m?.get(H.steps);
  if (!m || !(steps instanceof Y.Map) || !steps.has(stepId)) return err('notFound');
  const changes = planMove(readSteps(steps as Y.Map<unknown>), stepId, toIndex);
  control.transact(() => {
    for (const [id, key] of changes) asEntity(steps.get(id))?.set(S.order, key);
  }, origin);
  return ok(undefined);
}

// ——— reads ———

function readSteps(steps: Y.Map<unknown>): HarvestStep[] {
  const out: HarvestStep[] = [];
  steps.forEach((value, key) => {
    const s = asEntity(value);
    if (!s || !isEntityId(key)) return;
    const order = s.get(S.order);
    out.push({
      id: key as StepId,
      text: cleanText(s.get(S.text), PLAN_LIMITS.stepText, { singleLine: true }),
      who: cleanText(s.get(S.who), PLAN_LIMITS.who, { singleLine: true }),
      order: typeof order === 'string' ? order : ''
    });
  });
  return out.sort(compareOrdered);
}

function readClusters(v: unknown): HarvestCluster[] {
  if (!Array.isArray(v)) return [];
  const out: HarvestCluster[] = [];
  for (const c of v.slice(0, MAX_CLUSTERS)) {
    if (typeof c !== 'object' || c === null) continue;
    const title = cleanText((c as HarvestCluster).title, PLAN_LIMITS.harvestCluster, { singleLine: true });
    const p = (c as HarvestCluster).points;
    if (title)
      out.push({
        title,
        points: typeof p === 'number' && Number.isFinite(p) ? Math.max(0, Math.trunc(p)) : 0
      });
  }
  return out;
}

export function readHarvest(control: Y.Doc, tableId: TableId): Harvest {
  const m = isEntityId(tableId) ? asEntity(rootMap(control, ROOT.harvest)?.get(tableId)) : null;
  if (!m) return { tableId, results: '', clusters: [], steps: [], updatedAt: 0 };
  const r = m.get(H.results);
  const steps = m.get(H.steps);
  const at = m.get(H.updatedAt);
  return {
    tableId,
    results: cleanText(r instanceof Y.Text ? r.toString() : r, PLAN_LIMITS.harvestResults * 2),
    clusters: readClusters(m.get(H.clusters)),
    steps: steps instanceof Y.Map ? readSteps(steps as Y.Map<unknown>) : [],
    updatedAt: typeof at === 'number' && Number.isFinite(at) ? at : 0
  };
}

export const isHarvestEmpty = (h: Harvest): boolean =>
  h.results === '' && h.clusters.length === 0 && h.steps.length === 0;

// ——— the conference-day baseline ———

/** Stores the baseline (replacing an earlier one: "Konferenz abgeschlossen" marked again). */
export function writeConferenceEnd(
  control: Y.Doc,
  end: ConferenceEnd,
  origin: DocOrigin = LOCAL_ORIGIN
): Result<void, CommandError> {
  control.transact(() => writableRoot(control, ROOT.conferenceEnd).set(BASELINE, end), origin);
  return ok(undefined);
}

export function clearConferenceEnd(
  control: Y.Doc,
  origin: DocOrigin = LOCAL_ORIGIN
): Result<void, CommandError> {
  const root = rootMap(control, ROOT.conferenceEnd);
  if (!root?.has(BASELINE)) return err('notFound');
  control.transact(() => root.delete(BASELINE), origin);
  return ok(undefined);
}

export function readConferenceEnd(control: Y.Doc): ConferenceEnd | null {
  const v = rootMap(control, ROOT.conferenceEnd)?.get(BASELINE);
  if (typeof v !== 'object' || v === null) return null;
  const { at, plans } = v as { at?: unknown; plans?: unknown };
  if (typeof at !== 'number' || !Number.isFinite(at) || typeof plans !== 'object' || plans === null)
    return null;
  const out: Record<string, PlanBaseline> = {};
  for (const [id, b] of Object.entries(plans as Record<string, unknown>)) {
    if (!isEntityId(id) || typeof b !== 'object' || b === null) continue;
    const x = b as Record<string, unknown>;
    const n = (k: string) =>
      typeof x[k] === 'number' && Number.isFinite(x[k]) ? Math.max(0, Math.trunc(x[k] as number)) : 0;
    out[id] = {
      title: cleanText(x.title, PLAN_LIMITS.title, { singleLine: true }),
      status: isPlanStatus(x.status) ? x.status : 'planned',
      stepsDone: n('stepsDone'),
      stepsTotal: n('stepsTotal'),
      notes: n('notes')
    };
  }
  return { at, plans: out };
}
