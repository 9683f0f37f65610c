// The keys of the action plans document and the helpers its commands (plans.ts, plan-steps.ts) and its
// reads (read-plans.ts) share; internal to lib/doc (restore-landkarte.ts writes with the keys too).

import * as Y from 'yjs';
import { cleanText, isEntityId, ORIGIN_KINDS, PLAN_LIMITS, validateText, type PlanOrigin } from '../model';
import { PLANS_ROOT } from '../model/policy';
import { asEntity, rootMap } from './schema';

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

export const planMap = (doc: Y.Doc, id: string): Y.Map<unknown> | null =>
  asEntity(rootMap(doc, PLANS)?.get(id));

export function cleanOrigin(o: PlanOrigin | undefined): PlanOrigin {
  if (!o || !(ORIGIN_KINDS as readonly string[]).includes(o.kind))
    return { kind: 'scratch', id: '', title: '' };
  return {
    kind: o.kind,
    id: isEntityId(o.id) ? o.id : '',
    title: cleanText(o.title, PLAN_LIMITS.title * 4, { singleLine: true })
  };
}

/** A nested Y.Map of `m`, created when missing or malformed (a remote value of another type is replaced). */
export function childMap(m: Y.Map<unknown>, key: string): Y.Map<unknown> {
  const v = m.get(key);
  if (v instanceof Y.Map) return v as Y.Map<unknown>;
  const fresh = new Y.Map<unknown>();
  m.set(key, fresh);
  return fresh;
}

/** A single-line text up to `max` characters, checked. */
export const line = (v: unknown, max: number) => validateText(v, { max, singleLine: true });
