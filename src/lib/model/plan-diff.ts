// What a device wrote into the action plans that a fresh copy from the relay does not hold: after the relay
// refused the device's plan changes (the round was closed while it was offline, or a plan link reached
// outside its plan), the replica is reloaded from the relay, and these texts are kept and shown so that
// nothing a person typed is lost: they can enter them again once they may write. Choices (status, a step
// done, a linked partner) are one tap to make again and are not listed.

import type { Plan } from './plan';

export type UnsavedPlanKind =
  'plan' | 'title' | 'goal' | 'resources' | 'partners' | 'contact' | 'step' | 'note';

export interface UnsavedPlanText {
  /** The plan's title as this device had it. */
  plan: string;
  kind: UnsavedPlanKind;
  text: string;
  /** A step's person and due date (ISO), where it had them. */
  who?: string;
  due?: string;
}

const FIELDS = [
  ['title', 'title'],
  ['goal', 'goal'],
  ['resources', 'resources'],
  ['partnersText', 'partners'],
  ['contact', 'contact']
] as const;

/** The texts in `mine` (this device's plans) that `theirs` (the relay's) lacks, in plan order. */
export function unsavedPlanTexts(mine: readonly Plan[], theirs: readonly Plan[]): UnsavedPlanText[] {
  const byId = new Map(theirs.map((p) => [p.id, p]));
  const out: UnsavedPlanText[] = [];
  for (const plan of mine) {
    const held = byId.get(plan.id);
    const add = (kind: UnsavedPlanKind, text: string) => {
      if (text.trim()) out.push({ plan: plan.title, kind, text });
    };
    if (!held) add('plan', plan.title);
    for (const [key, kind] of FIELDS) {
      if (kind === 'title' && !held) continue; // said as the plan itself
      if (plan[key] !== (held?.[key] ?? '')) add(kind, plan[key]);
    }
    const steps = new Map(held?.steps.map((s) => [s.id, s]) ?? []);
    for (const step of plan.steps) {
      const other = steps.get(step.id);
      if (other && other.text === step.text && other.who === step.who && other.due === step.due) continue;
      if (!step.text.trim()) continue;
      out.push({
        plan: plan.title,
        kind: 'step',
        text: step.text,
        ...(step.who.trim() ? { who: step.who.trim() } : {}),
        ...(step.due ? { due: step.due } : {})
      });
    }
    const notes = new Set(held?.notes.map((n) => n.id) ?? []);
    for (const note of plan.notes) if (!notes.has(note.id)) add('note', note.text);
  }
  return out;
}
