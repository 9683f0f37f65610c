// Steps and notes of an action plan (plans.ts has the plan itself). Steps are nested maps keyed by new ids,
// ordered by a fractional key (never a Y.Array), so concurrent adds and moves never duplicate or lose one;
// notes are plain values keyed by new ids. Every command writes only inside its plan's map (plan links).

import * as Y from 'yjs';
import {
  err,
  newNoteId,
  newStepId,
  ok,
  PLAN_LIMITS,
  validateDate,
  validateText,
  type CommandError,
  type NoteId,
  type PlanId,
  type PlanStep,
  type Result,
  type StepId
} from '../model';
import { LOCAL_ORIGIN, type DocOrigin } from './origin';
import { keyAfter, planMove } from './order';
import { childMap, line, PLAN, planMap, STEP } from './plan-keys';
import { readSteps } from './read-plans';
import { asEntity } from './schema';
import { createEntity, setIfChanged } from './write';

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
