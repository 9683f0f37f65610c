// Action plans (Aktionspläne) and the Ernte of a table, as plain data: types, limits, and the views the
// overview and the Erfolgs-Workshop compute from them (by Handlungsfeld, by status, by person, due soon,
// changes since the conference). No yjs here: lib/doc/read-plans.ts and harvest.ts read the documents into
// these.

import type { Brand, FieldId, InitiativeId, TableId } from './ids';
import { randomBase64url } from './random';

export type PlanId = Brand<string, 'PlanId'>;
export type StepId = Brand<string, 'StepId'>;
export type NoteId = Brand<string, 'NoteId'>;
export const newPlanId = (): PlanId => randomBase64url(16) as PlanId;
export const newStepId = (): StepId => randomBase64url(16) as StepId;
export const newNoteId = (): NoteId => randomBase64url(16) as NoteId;

export const PLAN_STATUSES = ['planned', 'running', 'done', 'paused'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];
export const isPlanStatus = (v: unknown): v is PlanStatus =>
  typeof v === 'string' && (PLAN_STATUSES as readonly string[]).includes(v);

/** Where a plan came from; the title is copied so a renamed or dissolved cluster keeps a readable link. */
export const ORIGIN_KINDS = ['idea', 'cluster', 'harvest', 'scratch'] as const;
export type OriginKind = (typeof ORIGIN_KINDS)[number];
export interface PlanOrigin {
  kind: OriginKind;
  /** The idea, cluster or harvest step id ('' for scratch). */
  id: string;
  title: string;
}

export const PLAN_LIMITS = Object.freeze({
  title: 120,
  goal: 2000,
  resources: 2000,
  partnersText: 500,
  contact: 120,
  stepText: 300,
  who: 60,
  note: 1000,
  harvestResults: 4000,
  harvestCluster: 200
});

export interface PlanStep {
  id: StepId;
  text: string;
  who: string;
  due: string | null;
  done: boolean;
  order: string;
}

export interface PlanNote {
  id: NoteId;
  text: string;
  at: number;
}

export interface Plan {
  id: PlanId;
  title: string;
  goal: string;
  fieldId: FieldId | null;
  resources: string;
  partners: InitiativeId[];
  partnersText: string;
  contact: string;
  status: PlanStatus;
  origin: PlanOrigin;
  /** In order (order key, then id). */
  steps: PlanStep[];
  /** Oldest first. */
  notes: PlanNote[];
  createdAt: number;
}

export interface HarvestCluster {
  title: string;
  points: number;
}

export interface HarvestStep {
  id: StepId;
  text: string;
  who: string;
  order: string;
}

export interface Harvest {
  tableId: TableId;
  results: string;
  clusters: HarvestCluster[];
  steps: HarvestStep[];
  updatedAt: number;
}

// ——— views ———

export interface StepRef {
  plan: Plan;
  step: PlanStep;
}

/** Plans grouped by Handlungsfeld in the order of `fieldIds`; plans of no (or an unknown) field last, key null. */
export function plansByField(
  plans: readonly Plan[],
  fieldIds: readonly FieldId[]
): { fieldId: FieldId | null; plans: Plan[] }[] {
  const known = new Set<string>(fieldIds);
  const groups = fieldIds.map((fieldId) => ({ fieldId, plans: plans.filter((p) => p.fieldId === fieldId) }));
  const rest = plans.filter((p) => p.fieldId === null || !known.has(p.fieldId));
  return [
    ...groups.filter((g) => g.plans.length > 0),
    ...(rest.length ? [{ fieldId: null, plans: rest }] : [])
  ];
}

export function plansByStatus(plans: readonly Plan[]): { status: PlanStatus; plans: Plan[] }[] {
  return PLAN_STATUSES.map((status) => ({ status, plans: plans.filter((p) => p.status === status) })).filter(
    (g) => g.plans.length > 0
  );
}

const byDue = (a: StepRef, b: StepRef): number =>
  (a.step.due ?? '9999') < (b.step.due ?? '9999')
    ? -1
    : (a.step.due ?? '9999') > (b.step.due ?? '9999')
      ? 1
      : a.step.text.localeCompare(b.step.text, 'de');

/** "Wer macht was bis wann?": open steps per person (case-insensitive name, '' = nobody yet), by due date. */
export function stepsByPerson(plans: readonly Plan[]): { who: string; steps: StepRef[] }[] {
  const groups = new Map<string, { who: string; steps: StepRef[] }>();
  for (const plan of plans)
    for (const step of plan.steps) {
      if (step.done) continue;
      const key = step.who.trim().toLocaleLowerCase('de');
      const g = groups.get(key) ?? { who: step.who.trim(), steps: [] };
      g.steps.push({ plan, step });
      groups.set(key, g);
    }
  return [...groups.values()]
    .map((g) => ({ ...g, steps: g.steps.sort(byDue) }))
    .sort((a, b) => (a.who === '' ? 1 : b.who === '' ? -1 : a.who.localeCompare(b.who, 'de')));
}

/** Open steps due on or before `today + days` (overdue ones included), earliest first. */
export function stepsDueSoon(plans: readonly Plan[], today: string, days = 14): StepRef[] {
  const limit = addDays(today, days);
  const out: StepRef[] = [];
  for (const plan of plans)
    for (const step of plan.steps)
      if (!step.done && step.due !== null && step.due <= limit) out.push({ plan, step });
  return out.sort(byDue);
}

export function addDays(iso: string, days: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Today as YYYY-MM-DD in the device's time zone. */
export function todayIso(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

export function planProgress(plan: Plan): { done: number; total: number } {
  return { done: plan.steps.filter((s) => s.done).length, total: plan.steps.length };
}

// ——— Erfolgs-Workshop: the conference-day baseline ———

/** What is kept of each plan when the conference ends (plain JSON in the control doc). */
export interface PlanBaseline {
  title: string;
  status: PlanStatus;
  stepsDone: number;
  stepsTotal: number;
  notes: number;
}

export interface ConferenceEnd {
  at: number;
  plans: Record<string, PlanBaseline>;
}

export function baselineOf(plans: readonly Plan[], at: number): ConferenceEnd {
  const out: Record<string, PlanBaseline> = {};
  for (const p of plans) {
    const { done, total } = planProgress(p);
    out[p.id] = {
      title: p.title,
      status: p.status,
      stepsDone: done,
      stepsTotal: total,
      notes: p.notes.length
    };
  }
  return { at, plans: out };
}

export interface PlanChange {
  plan: Plan;
  /** null: the plan was made after the conference. */
  then: PlanBaseline | null;
  statusChanged: boolean;
  stepsDoneSince: number;
  stepsAddedSince: number;
  /** Notes written after the conference ended, oldest first. */
  newNotes: PlanNote[];
}

export function changesSince(plans: readonly Plan[], end: ConferenceEnd): PlanChange[] {
  return plans.map((plan) => {
    const then = end.plans[plan.id] ?? null;
    const { done, total } = planProgress(plan);
    return {
      plan,
      then,
      statusChanged: then !== null && then.status !== plan.status,
      stepsDoneSince: Math.max(0, done - (then?.stepsDone ?? 0)),
      stepsAddedSince: Math.max(0, total - (then?.stepsTotal ?? 0)),
      newNotes: plan.notes.filter((n) => n.at > end.at)
    };
  });
}

/** Count of plans per status then (baseline) and now. */
export function statusThenAndNow(
  plans: readonly Plan[],
  end: ConferenceEnd
): { status: PlanStatus; then: number; now: number }[] {
  return PLAN_STATUSES.map((status) => ({
    status,
    then: Object.values(end.plans).filter((b) => b.status === status).length,
    now: plans.filter((p) => p.status === status).length
  }));
}

/** A plan title from a longer text (an idea, a step): its first line, cut at a word before the limit. */
export function titleFrom(text: string, max: number = PLAN_LIMITS.title): string {
  const first = (text.split('\n')[0] ?? '').trim();
  if (first.length <= max) return first;
  const cut = first.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
