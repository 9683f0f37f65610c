// The action plans document (`<roomId>/plans`, relay path `/sync/<roomId>/plans`). Unlike the shared doc
// it is written together: facilitators and participants edit any plan (the relay applies the room lock
// there but no per-item ownership), viewers read. One root map `plans`, keyed by PlanId; each plan is a
// nested map so concurrent edits of different fields merge; long texts are Y.Text written as the smallest
// diff; steps and notes are nested maps keyed by id, steps ordered by a fractional key (never a Y.Array).
// Here: the document and the plan's own fields; steps and notes: plan-steps.ts; reads: read-plans.ts.

import * as Y from 'yjs';
import {
  err,
  isEntityId,
  isPlanStatus,
  newPlanId,
  ok,
  PLAN_LIMITS,
  validateText,
  type CommandError,
  type FieldId,
  type InitiativeId,
  type PlanId,
  type PlanOrigin,
  type PlanStatus,
  type Result,
  type RoomId
} from '../model';
import { LOCAL_ORIGIN, type DocOrigin } from './origin';
import { childMap, cleanOrigin, line, PLAN, planMap, PLANS } from './plan-keys';
import { rootMap } from './schema';
import { applyTextDiff, rebaseTextEdit } from './text-diff';
import { createEntity, setIfChanged, writableRoot } from './write';

export const plansGuid = (roomId: RoomId): string => `${roomId}/plans`;

export type PlanLongText = 'goal' | 'resources';

export function createPlansDoc(roomId: RoomId): Y.Doc {
  const doc = new Y.Doc({ guid: plansGuid(roomId) });
  rootMap(doc, PLANS);
  return doc;
}

// ——— helpers ———

function textIn(m: Y.Map<unknown>, key: string): Y.Text {
  const v = m.get(key);
  if (v instanceof Y.Text) return v;
  const t = new Y.Text(typeof v === 'string' ? v : '');
  m.set(key, t);
  return t;
}

// ——— commands ———

export interface PlanInput {
  title: string;
  fieldId?: FieldId | null;
  goal?: string;
  origin?: PlanOrigin;
  status?: PlanStatus;
}

export function addPlan(
  doc: Y.Doc,
  input: PlanInput,
  origin: DocOrigin = LOCAL_ORIGIN
): Result<PlanId, CommandError> {
  const title = validateText(input.title, { max: PLAN_LIMITS.title, required: true, singleLine: true });
  if (!title.ok) return err(title.error, 'title');
  const goal = validateText(input.goal ?? '', { max: PLAN_LIMITS.goal });
  if (!goal.ok) return err(goal.error, 'goal');
  const fieldId = input.fieldId ?? null;
  if (fieldId !== null && !isEntityId(fieldId)) return err('unknownField', 'fieldId');
  const id = newPlanId();
  doc.transact(() => {
    createEntity(writableRoot(doc, PLANS), id, {
      [PLAN.title]: title.value,
      [PLAN.goal]: new Y.Text(goal.value),
      [PLAN.fieldId]: fieldId,
      [PLAN.resources]: new Y.Text(''),
      [PLAN.partners]: new Y.Map(),
      [PLAN.partnersText]: '',
      [PLAN.contact]: '',
      [PLAN.status]: input.status && isPlanStatus(input.status) ? input.status : 'planned',
      [PLAN.origin]: cleanOrigin(input.origin),
      [PLAN.steps]: new Y.Map(),
      [PLAN.notes]: new Y.Map(),
      [PLAN.createdAt]: Date.now()
    });
  }, origin);
  return ok(id);
}

export interface PlanPatch {
  title?: string;
  fieldId?: FieldId | null;
  contact?: string;
  status?: PlanStatus;
  partnersText?: string;
}

/** Writes only the properties given and changed (others' concurrent edits of other fields stay). */
export function updatePlan(
  doc: Y.Doc,
  id: PlanId,
  patch: PlanPatch,
  origin: DocOrigin = LOCAL_ORIGIN
): Result<void, CommandError> {
  const m = planMap(doc, id);
  if (!m) return err('notFound');
  const writes: [string, unknown][] = [];
  if (patch.title !== undefined) {
    const v = validateText(patch.title, { max: PLAN_LIMITS.title, required: true, singleLine: true });
    if (!v.ok) return err(v.error, 'title');
    writes.push([PLAN.title, v.value]);
  }
  if (patch.contact !== undefined) {
    const v = line(patch.contact, PLAN_LIMITS.contact);
    if (!v.ok) return err(v.error, 'contact');
    writes.push([PLAN.contact, v.value]);
  }
  if (patch.partnersText !== undefined) {
    const v = validateText(patch.partnersText, { max: PLAN_LIMITS.partnersText });
    if (!v.ok) return err(v.error, 'partnersText');
    writes.push([PLAN.partnersText, v.value]);
  }
  if (patch.fieldId !== undefined) {
    if (patch.fieldId !== null && !isEntityId(patch.fieldId)) return err('unknownField', 'fieldId');
    writes.push([PLAN.fieldId, patch.fieldId]);
  }
  if (patch.status !== undefined) {
    if (!isPlanStatus(patch.status)) return err('invalidKind', 'status');
    writes.push([PLAN.status, patch.status]);
  }
  doc.transact(() => {
    for (const [k, v] of writes) setIfChanged(m, k, v);
  }, origin);
  return ok(undefined);
}

/**
 * Writes a long text as the smallest edit. With `base` (the text when the form opened), what the person
 * changed is applied onto the text as it is now, so others' typing meanwhile stays.
 */
export function editPlanText(
  doc: Y.Doc,
  id: PlanId,
  key: PlanLongText,
  next: string,
  base?: string,
  origin: DocOrigin = LOCAL_ORIGIN
): Result<void, CommandError> {
  const m = planMap(doc, id);
  if (!m) return err('notFound');
  const v = validateText(next, { max: PLAN_LIMITS[key] });
  if (!v.ok) return err(v.error, key);
  doc.transact(() => {
    const t = textIn(m, PLAN[key]);
    if (base === undefined) applyTextDiff(t, v.value);
    else rebaseTextEdit(t, base, v.value);
  }, origin);
  return ok(undefined);
}

export function setPlanPartner(
  doc: Y.Doc,
  id: PlanId,
  initiativeId: InitiativeId,
  linked: boolean,
  origin: DocOrigin = LOCAL_ORIGIN
): Result<void, CommandError> {
  const m = planMap(doc, id);
  if (!m) return err('notFound');
  if (!isEntityId(initiativeId)) return err('notFound', 'partners');
  doc.transact(() => {
    const partners = childMap(m, PLAN.partners);
    if (linked) setIfChanged(partners, initiativeId, true);
    else if (partners.has(initiativeId)) partners.delete(initiativeId);
  }, origin);
  return ok(undefined);
}

export function removePlan(
  doc: Y.Doc,
  id: PlanId,
  origin: DocOrigin = LOCAL_ORIGIN
): Result<void, CommandError> {
  if (!planMap(doc, id)) return err('notFound');
  doc.transact(() => writableRoot(doc, PLANS).delete(id), origin);
  return ok(undefined);
}
