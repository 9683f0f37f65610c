// The action plans document (`<roomId>/plans`, relay path `/sync/<roomId>/plans`). Unlike the shared doc
// it is written together: facilitators and participants edit any plan (the relay applies the room lock
// there but no per-item ownership), viewers read. One root map `plans`, keyed by PlanId; each plan is a
// nested map so concurrent edits of different fields merge; long texts are Y.Text written as the smallest
// diff; steps and notes are nested maps keyed by id, steps ordered by a fractional key (never a Y.Array).

import * as Y from 'yjs';
import {
  err,
  isEntityId,
  isPlanStatus,
  newNoteId,
  newPlanId,
  newStepId,
  ok,
  PLAN_LIMITS,
  validateDate,
  validateText,
  type CommandError,
  type FieldId,
  type InitiativeId,
  type NoteId,
  type PlanId,
  type PlanOrigin,
  type PlanStatus,
  type PlanStep,
  type Result,
  type RoomId,
  type StepId
} from '../model';
import { LOCAL_ORIGIN, type DocOrigin } from './origin';
import { keyAfter, planMove } from './order';
import { cleanOrigin, PLAN, planMap, PLANS, STEP } from './plan-keys';
import { readSteps } from './read-plans';
import { asEntity, rootMap } from './schema';
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

/** A nested Y.Map of `m`, created when missing or malformed (a remote value of another type is replaced). */
function childMap(m: Y.Map<unknown>, key: string): Y.Map<unknown> {
  const v = m.get(key);
  if (v instanceof Y.Map) return v as Y.Map<unknown>;
  const fresh = new Y.Map<unknown>();
  m.set(key, fresh);
  return fresh;
}

function textIn(m: Y.Map<unknown>, key: string): Y.Text {
  const v = m.get(key);
  if (v instanceof Y.Text) return v;
  const t = new Y.Text(typeof v === 'string' ? v : '');
  m.set(key, t);
  return t;
}

const line = (v: unknown, max: number) => validateText(v, { max, singleLine: true });

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

export interface StepInput {
  text: string;
  who?: string;
  due?: string | null;
}

function validStep(
  input: Partial<StepInput>
): Result<Partial<Pick<PlanStep, 'text' | 'who' | 'due'>>, CommandError> {
  const out: Partial<Pick<PlanStep, 'text' | 'who' | 'due'>> = {};
  if (input.text !== undefined) {
    const v = validateText(input.text, { max: PLAN_LIMITS.stepText, required: true, singleLine: true });
    if (!v.ok) return err(v.error, 'text');
    out.text = v.value;
  }
  if (input.who !== undefined) {
    const v = line(input.who, PLAN_LIMITS.who);
    if (!v.ok) return err(v.error, 'who');
    out.who = v.value;
  }
  if (input.due !== undefined) {
    const v = validateDate(input.due);
    if (!v.ok) return err(v.error, 'due');
    out.due = v.value;
  }
  return ok(out);
}

export function addStep(
  doc: Y.Doc,
  planId: PlanId,
  input: StepInput,
  origin: DocOrigin = LOCAL_ORIGIN
): Result<StepId, CommandError> {
  const m = planMap(doc, planId);
  if (!m) return err('notFound');
  const v = validStep({ who: '', due: null, ...input });
  if (!v.ok) return v;
  const id = newStepId();
  doc.transact(() => {
    const steps = childMap(m, PLAN.steps);
    createEntity(steps, id, {
      [STEP.text]: v.value.text,
      [STEP.who]: v.value.who ?? '',
      [STEP.due]: v.value.due ?? null,
      [STEP.done]: false,
      [STEP.order]: keyAfter(readSteps(steps).map((s) => s.order))
    });
  }, origin);
  return ok(id);
}

export function updateStep(
  doc: Y.Doc,
  planId: PlanId,
  stepId: StepId,
  patch: Partial<StepInput> & { done?: boolean },
  origin: DocOrigin = LOCAL_ORIGIN
): Result<void, CommandError> {
  const step = stepMap(doc, planId, stepId);
  if (!step) return err('notFound');
  const v = validStep(patch);
  if (!v.ok) return v;
  doc.transact(() => {
    for (const [k, val] of Object.entries(v.value)) setIfChanged(step, k, val);
    if (typeof patch.done === 'boolean') setIfChanged(step, STEP.done, patch.done);
  }, origin);
  return ok(undefined);
}

export function removeStep(
  doc: Y.Doc,
  planId: PlanId,
  stepId: StepId,
  origin: DocOrigin = LOCAL_ORIGIN
): Result<void, CommandError> {
  const m = planMap(doc, planId);
  const steps = m?.get(PLAN.steps);
  if (!(steps instanceof Y.Map) || !asEntity(steps.get(stepId))) return err('notFound');
  doc.transact(() => steps.delete(stepId), origin);
  return ok(undefined);
}

/** Moves a step to `toIndex` of the plan's ordered steps: one order key written (or a re-key). */
export function moveStep(
  doc: Y.Doc,
  planId: PlanId,
  stepId: StepId,
  toIndex: number,
  origin: DocOrigin = LOCAL_ORIGIN
): Result<void, CommandError> {
  if (!Number.isInteger(toIndex)) return err('invalidPosition');
  const m = planMap(doc, planId);
  const steps = m?.get(PLAN.steps);
  if (!(steps instanceof Y.Map) || !asEntity(steps.get(stepId))) return err('notFound');
  const changes = planMove(readSteps(steps as Y.Map<unknown>), stepId, toIndex);
  doc.transact(() => {
    for (const [id, key] of changes) asEntity(steps.get(id))?.set(STEP.order, key);
  }, origin);
  return ok(undefined);
}

export function addNote(
  doc: Y.Doc,
  planId: PlanId,
  text: string,
  at: number = Date.now(),
  origin: DocOrigin = LOCAL_ORIGIN
): Result<NoteId, CommandError> {
  const m = planMap(doc, planId);
  if (!m) return err('notFound');
  const v = validateText(text, { max: PLAN_LIMITS.note, required: true });
  if (!v.ok) return err(v.error, 'note');
  const id = newNoteId();
  doc.transact(() => childMap(m, PLAN.notes).set(id, { text: v.value, at }), origin);
  return ok(id);
}

export function removeNote(
  doc: Y.Doc,
  planId: PlanId,
  noteId: NoteId,
  origin: DocOrigin = LOCAL_ORIGIN
): Result<void, CommandError> {
  const notes = planMap(doc, planId)?.get(PLAN.notes);
  if (!(notes instanceof Y.Map) || !notes.has(noteId)) return err('notFound');
  doc.transact(() => notes.delete(noteId), origin);
  return ok(undefined);
}

function stepMap(doc: Y.Doc, planId: string, stepId: string): Y.Map<unknown> | null {
  const steps = planMap(doc, planId)?.get(PLAN.steps);
  return steps instanceof Y.Map ? asEntity(steps.get(stepId)) : null;
}
