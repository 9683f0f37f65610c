// The action plans document (`<roomId>/plans`, relay path `/sync/<roomId>/plans`). Unlike the shared doc
// it is written together: facilitators and participants edit any plan (the relay applies the room lock
// there but no per-item ownership), viewers read. One root map `plans`, keyed by PlanId; each plan is a
// nested map so concurrent edits of different fields merge; long texts are Y.Text written as the smallest
// diff; steps and notes are nested maps keyed by id, steps ordered by a fractional key (never a Y.Array).

import * as Y from 'yjs';
import {
  cleanText,
  err,
  isEntityId,
  isIsoDate,
  isPlanStatus,
  newNoteId,
  newPlanId,
  newStepId,
  ok,
  ORIGIN_KINDS,
  PLAN_LIMITS,
  validateDate,
  validateText,
  type CommandError,
  type FieldId,
  type InitiativeId,
  type NoteId,
  type Plan,
  type PlanId,
  type PlanNote,
  type PlanOrigin,
  type PlanStatus,
  type PlanStep,
  type Result,
  type RoomId,
  type StepId
} from '../model';
import { PLANS_ROOT } from '../model/policy';
import { LOCAL_ORIGIN, type DocOrigin } from './origin';
import { compareOrdered, keyAfter, planMove } from './order';
import { asEntity, rootMap } from './schema';
import { applyTextDiff, rebaseTextEdit } from './text-diff';
import { createEntity, setIfChanged, writableRoot } from './write';

export const plansGuid = (roomId: RoomId): string => `${roomId}/plans`;

/** The root map; its name is access policy too (plan links, lib/model/policy.ts). */
export const PLANS = PLANS_ROOT;
export const PLAN = Object.freeze({
  title: 'title',
  goal: 'goal', // Y.Text
  fieldId: 'fieldId',
  resources: 'resources', // Y.Text
  partners: 'partners', // Y.Map<InitiativeId, true>
  partnersText: 'partnersText',
  contact: 'contact',
  status: 'status',
  origin: 'origin', // plain object { kind, id, title }
  steps: 'steps', // Y.Map<StepId, Y.Map { text, who, due, done, order }>
  notes: 'notes', // Y.Map<NoteId, { text, at }>
  createdAt: 'createdAt'
});
export const STEP = Object.freeze({ text: 'text', who: 'who', due: 'due', done: 'done', order: 'order' });

export type PlanLongText = 'goal' | 'resources';

export function createPlansDoc(roomId: RoomId): Y.Doc {
  const doc = new Y.Doc({ guid: plansGuid(roomId) });
  rootMap(doc, PLANS);
  return doc;
}

// ——— helpers ———

const planMap = (doc: Y.Doc, id: string): Y.Map<unknown> | null => asEntity(rootMap(doc, PLANS)?.get(id));

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

function cleanOrigin(o: PlanOrigin | undefined): PlanOrigin {
  if (!o || !(ORIGIN_KINDS as readonly string[]).includes(o.kind))
    return { kind: 'scratch', id: '', title: '' };
  return {
    kind: o.kind,
    id: isEntityId(o.id) ? o.id : '',
    title: cleanText(o.title, PLAN_LIMITS.title * 4, { singleLine: true })
  };
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

// ——— reads (remote data distrusted) ———

const str = (m: Y.Map<unknown>, key: string, max: number, singleLine = true): string => {
  const v = m.get(key);
  return cleanText(v instanceof Y.Text ? v.toString() : typeof v === 'string' ? v : '', max, { singleLine });
};

function readSteps(steps: Y.Map<unknown>): PlanStep[] {
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
  if (!root) return () => undefined;
  let changed = false;
  const mark = (): void => {
    changed = true;
  };
  const flush = (): void => {
    if (!changed) return;
    changed = false;
    onChange();
  };
  root.observeDeep(mark);
  doc.on('afterTransaction', flush);
  return () => {
    root.unobserveDeep(mark);
    doc.off('afterTransaction', flush);
  };
}
