// Typed reads of the action plans document (commands and the document itself: plans.ts). Remote data is
// distrusted like everywhere in lib/doc: entries that are not nested maps or have unusable ids are skipped,
// wrong types get defaults, strings are cleaned again.

import * as Y from 'yjs';
import {
  cleanText,
  isEntityId,
  isIsoDate,
  isPlanStatus,
  PLAN_LIMITS,
  type FieldId,
  type InitiativeId,
  type NoteId,
  type Plan,
  type PlanId,
  type PlanNote,
  type PlanOrigin,
  type PlanStep,
  type StepId
} from '../model';
import { observeMaps } from './docs';
import { compareOrdered } from './order';
import { cleanOrigin, PLAN, planMap, PLANS, STEP } from './plan-keys';
import { asEntity, rootMap } from './schema';

const str = (m: Y.Map<unknown>, key: string, max: number, singleLine = true): string => {
  const v = m.get(key);
  return cleanText(v instanceof Y.Text ? v.toString() : typeof v === 'string' ? v : '', max, { singleLine });
};

/** The steps of a plan in order (plans.ts orders new and moved steps by them too). */
export function readSteps(steps: Y.Map<unknown>): PlanStep[] {
  const out: PlanStep[] = [];
  steps.forEach((value, key) => {
    const s = asEntity(value);
    if (!s || !isEntityId(key)) return;
    const text = str(s, STEP.text, PLAN_LIMITS.stepText);
    const due = s.get(STEP.due);
    const order = s.get(STEP.order);
    out.push({
      id: key as StepId,
      text,
      who: str(s, STEP.who, PLAN_LIMITS.who),
      due: isIsoDate(due) ? due : null,
      done: s.get(STEP.done) === true,
      order: typeof order === 'string' ? order : ''
    });
  });
  return out.sort(compareOrdered);
}

function readNotes(notes: unknown): PlanNote[] {
  if (!(notes instanceof Y.Map)) return [];
  const out: PlanNote[] = [];
  notes.forEach((value: unknown, key: string) => {
    if (!isEntityId(key) || typeof value !== 'object' || value === null) return;
    const v = value as { text?: unknown; at?: unknown };
    const text = cleanText(v.text, PLAN_LIMITS.note);
    const at = typeof v.at === 'number' && Number.isFinite(v.at) ? v.at : 0;
    if (text) out.push({ id: key as NoteId, text, at });
  });
  return out.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
}

function readOrigin(v: unknown): PlanOrigin {
  if (typeof v !== 'object' || v === null) return { kind: 'scratch', id: '', title: '' };
  return cleanOrigin(v as PlanOrigin);
}

function readPlanMap(id: string, m: Y.Map<unknown>): Plan {
  const partners = m.get(PLAN.partners);
  const status = m.get(PLAN.status);
  const fieldId = m.get(PLAN.fieldId);
  const createdAt = m.get(PLAN.createdAt);
  const steps = m.get(PLAN.steps);
  return {
    id: id as PlanId,
    title: str(m, PLAN.title, PLAN_LIMITS.title),
    goal: str(m, PLAN.goal, PLAN_LIMITS.goal * 2, false),
    fieldId: isEntityId(fieldId) ? (fieldId as FieldId) : null,
    resources: str(m, PLAN.resources, PLAN_LIMITS.resources * 2, false),
    partners:
      partners instanceof Y.Map
        ? ([...partners.keys()]
            .filter((k) => isEntityId(k) && partners.get(k) === true)
            .sort() as InitiativeId[])
        : [],
    partnersText: str(m, PLAN.partnersText, PLAN_LIMITS.partnersText, false),
    contact: str(m, PLAN.contact, PLAN_LIMITS.contact),
    status: isPlanStatus(status) ? status : 'planned',
    origin: readOrigin(m.get(PLAN.origin)),
    steps: steps instanceof Y.Map ? readSteps(steps as Y.Map<unknown>) : [],
    notes: readNotes(m.get(PLAN.notes)),
    createdAt: typeof createdAt === 'number' && Number.isFinite(createdAt) ? createdAt : 0
  };
}

export function readPlan(doc: Y.Doc, id: string): Plan | null {
  if (!isEntityId(id)) return null;
  const m = planMap(doc, id);
  return m ? readPlanMap(id, m) : null;
}

/** Every plan, oldest first (then by id). */
export function readPlans(doc: Y.Doc): Plan[] {
  const root = rootMap(doc, PLANS);
  if (!root) return [];
  const out: Plan[] = [];
  root.forEach((value, key) => {
    const m = asEntity(value);
    if (m && isEntityId(key)) out.push(readPlanMap(key, m));
  });
  return out.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
}

/** Calls `onChange` once per transaction that touched the plans. Returns the function that stops. */
export function observePlans(doc: Y.Doc, onChange: () => void): () => void {
  const root = rootMap(doc, PLANS);
  return root ? observeMaps(doc, [root], onChange) : () => undefined;
}
