// Action plans for the screens: the reactive list of plans (the plans document), one plan, and the verbs,
// each one command with the role and the room lock checked (facilitators always write; participants
// unless the round is closed, as the relay enforces; viewers read). Also the Erfolgs-Workshop: the
// conference-day baseline in the control document (facilitators mark the end) and what changed since.
// A capability controller over the session: pages create one and destroy it when they unmount.

import { createSubscriber } from 'svelte/reactivity';
import {
  addNote,
  addPlan,
  addStep,
  clearConferenceEnd,
  editPlanText,
  LOCAL_ORIGIN,
  moveStep,
  observeDoc,
  observePlans,
  readConferenceEnd,
  readPlans,
  removeNote,
  removePlan,
  removeStep,
  setPlanPartner,
  updatePlan,
  updateStep,
  writeConferenceEnd,
  type PlanInput,
  type PlanLongText,
  type PlanPatch,
  type StepInput
} from '../doc';
import {
  baselineOf,
  changesSince,
  type CommandError,
  type ConferenceEnd,
  type InitiativeId,
  type NoteId,
  type Plan,
  type PlanChange,
  type PlanId,
  type FieldId,
  type OriginKind,
  type Result,
  type StepId,
  titleFrom,
  type UnsavedPlanText
} from '../model';
import type { ConferenceSession, SessionError } from './session.svelte';

export type { PlanInput, PlanLongText, PlanPatch, StepInput };

export class Plans {
  readonly #session: ConferenceSession;
  readonly #stops: (() => void)[];
  #notify: (() => void) | null = null;
  readonly #subscribe: () => void;
  #plans: Plan[] | null = null;
  #end: ConferenceEnd | null | undefined = undefined;

  constructor(session: ConferenceSession) {
    this.#session = session;
    const changed = () => {
      this.#plans = null;
      this.#notify?.();
    };
    // The session replaces the plans document after a refused write (PlanRefusals): follow the new one.
    let stopPlans = observePlans(session.plansDoc, changed);
    this.#stops = [
      () => stopPlans(),
      session.onPlansReplaced(() => {
        stopPlans();
        stopPlans = observePlans(session.plansDoc, changed);
        changed();
      }),
      observeDoc(session.docs.control, 'control', () => {
        this.#end = undefined;
        this.#notify?.();
      })
    ];
    this.#subscribe = createSubscriber((update) => {
      this.#notify = update;
      return () => (this.#notify = null);
    });
  }

  /** Every plan, oldest first. */
  get list(): readonly Plan[] {
    this.#subscribe();
    return (this.#plans ??= readPlans(this.#session.plansDoc));
  }

  get(id: string): Plan | null {
    return this.list.find((p) => p.id === id) ?? null;
  }

  /** Facilitators always; participants unless the round is closed; viewers and plan links never (new plans). */
  get canEdit(): boolean {
    return this.#session.canModerate || (this.#session.canWrite && !this.#session.locked);
  }

  /** Joined through a plan link: the one plan this device edits, else null. */
  get planScope(): string | null {
    return this.#session.canModerate ? null : this.#session.planScope;
  }

  /** May edit plan `id` now: as canEdit, and a plan link only its own plan. */
  canEditPlan(id: string): boolean {
    const scope = this.planScope;
    if (scope === null) return this.canEdit;
    return scope === id && this.#session.role === 'participant' && !this.#session.locked;
  }

  /** Why editing is not possible now (for a notice), or null. */
  get readOnlyReason(): 'viewer' | 'locked' | null {
    if (this.canEdit || this.planScope !== null) return null; // a plan link: see readOnlyReasonFor
    return this.#session.canWrite ? 'locked' : 'viewer';
  }

  /** Why plan `id` is read-only on this device (`plan`: a plan link for another plan), or null. */
  readOnlyReasonFor(id: string): 'viewer' | 'locked' | 'plan' | null {
    if (this.canEditPlan(id)) return null;
    const scope = this.planScope;
    if (scope !== null && scope !== id) return 'plan';
    if (scope !== null) return this.#session.role === 'participant' ? 'locked' : 'viewer';
    return this.readOnlyReason;
  }

  /** How many plan changes the relay refused (plan link, closed round) since the notice was dismissed. */
  get refused(): number {
    return this.#session.planRefusals.count;
  }

  /** The texts of refused changes this device keeps, to enter again (model/plan-diff.ts). */
  get unsaved(): readonly UnsavedPlanText[] {
    return this.#session.planRefusals.unsaved;
  }

  dismissRefused(): void {
    this.#session.planRefusals.dismiss();
  }

  get canRemove(): boolean {
    return this.#session.canModerate;
  }

  create(input: PlanInput): Result<PlanId, SessionError> {
    return this.#edit(() => addPlan(this.#session.plansDoc, input, LOCAL_ORIGIN));
  }

  /** A plan made from an idea, a cluster or a harvest step: titled by its text, the origin linked. */
  createFrom(source: {
    kind: Exclude<OriginKind, 'scratch'>;
    id: string;
    text: string;
    fieldId?: FieldId | null;
    contact?: string;
  }): Result<PlanId, SessionError> {
    const created = this.create({
      title: titleFrom(source.text),
      fieldId: source.fieldId ?? null,
      origin: { kind: source.kind, id: source.id, title: titleFrom(source.text, 200) }
    });
    if (created.ok && source.contact) this.update(created.value, { contact: source.contact });
    return created;
  }

  update(id: PlanId, patch: PlanPatch): Result<void, SessionError> {
    return this.#edit(() => updatePlan(this.#session.plansDoc, id, patch, LOCAL_ORIGIN), id);
  }

  editText(id: PlanId, key: PlanLongText, next: string, base?: string): Result<void, SessionError> {
    return this.#edit(() => editPlanText(this.#session.plansDoc, id, key, next, base, LOCAL_ORIGIN), id);
  }

  setPartner(id: PlanId, initiativeId: InitiativeId, linked: boolean): Result<void, SessionError> {
    return this.#edit(
      () => setPlanPartner(this.#session.plansDoc, id, initiativeId, linked, LOCAL_ORIGIN),
      id
    );
  }

  remove(id: PlanId): Result<void, SessionError> {
    if (!this.canRemove) return { ok: false, error: 'notAllowed' };
    return removePlan(this.#session.plansDoc, id, LOCAL_ORIGIN);
  }

  addStep(id: PlanId, input: StepInput): Result<StepId, SessionError> {
    return this.#edit(() => addStep(this.#session.plansDoc, id, input, LOCAL_ORIGIN), id);
  }

  updateStep(
    id: PlanId,
    stepId: StepId,
    patch: Partial<StepInput> & { done?: boolean }
  ): Result<void, SessionError> {
    return this.#edit(() => updateStep(this.#session.plansDoc, id, stepId, patch, LOCAL_ORIGIN), id);
  }

  removeStep(id: PlanId, stepId: StepId): Result<void, SessionError> {
    return this.#edit(() => removeStep(this.#session.plansDoc, id, stepId, LOCAL_ORIGIN), id);
  }

  moveStep(id: PlanId, stepId: StepId, toIndex: number): Result<void, SessionError> {
    return this.#edit(() => moveStep(this.#session.plansDoc, id, stepId, toIndex, LOCAL_ORIGIN), id);
  }

  addNote(id: PlanId, text: string): Result<NoteId, SessionError> {
    return this.#edit(() => addNote(this.#session.plansDoc, id, text, Date.now(), LOCAL_ORIGIN), id);
  }

  removeNote(id: PlanId, noteId: NoteId): Result<void, SessionError> {
    return this.#edit(() => removeNote(this.#session.plansDoc, id, noteId, LOCAL_ORIGIN), id);
  }

  // ——— Erfolgs-Workshop ———

  /** The state of the plans when a facilitator marked the conference as ended; null before. */
  get conferenceEnd(): ConferenceEnd | null {
    this.#subscribe();
    if (this.#end === undefined) this.#end = readConferenceEnd(this.#session.docs.control);
    return this.#end;
  }

  /** Per plan, what changed since the conference ended; empty before it is marked. */
  get changes(): PlanChange[] {
    const end = this.conferenceEnd;
    return end ? changesSince(this.list, end) : [];
  }

  get canMarkEnd(): boolean {
    return this.#session.canModerate;
  }

  /** Stores today's state of every plan as the conference-day baseline (facilitators). */
  markConferenceEnd(at = Date.now()): Result<void, SessionError> {
    if (!this.canMarkEnd) return { ok: false, error: 'notAllowed' };
    return writeConferenceEnd(this.#session.docs.control, baselineOf(this.list, at), LOCAL_ORIGIN);
  }

  clearConferenceEnd(): Result<void, SessionError> {
    if (!this.canMarkEnd) return { ok: false, error: 'notAllowed' };
    return clearConferenceEnd(this.#session.docs.control, LOCAL_ORIGIN);
  }

  /** An iCalendar file of the dated steps of `plans` (the generator is loaded only now). */
  async ical(
    plans: readonly Plan[],
    labels: { plan: string; who: string; done: string },
    origin = globalThis.location?.origin ?? ''
  ): Promise<string> {
    const { plansToIcal } = await import('../model/plan-ical');
    const roomId = this.#session.roomId;
    return plansToIcal(plans, {
      name: this.#session.view.info.title || 'Stadt Land Tisch',
      labels,
      planUrl: (p) => `${origin}/c/${roomId}/plans/${p.id}`
    });
  }

  destroy(): void {
    for (const stop of this.#stops.splice(0)) stop();
  }

  /** Runs a command when this device may: `planId` names the plan it changes (null: a new plan). */
  #edit<T>(run: () => Result<T, CommandError>, planId: string | null = null): Result<T, SessionError> {
    if (this.planScope !== null) {
      // A plan link: its own plan only (the relay refuses the rest with plan_only).
      if (planId === null || planId !== this.planScope) return { ok: false, error: 'notAllowed' };
      return this.canEditPlan(planId) ? run() : { ok: false, error: 'locked' };
    }
    if (!this.#session.canWrite) return { ok: false, error: 'notAllowed' };
    if (!this.canEdit) return { ok: false, error: 'locked' };
    return run();
  }
}
