// Restoring the Landkarte, the action plans and the contacts from a complete JSON export (see restore.ts
// for the rules). The export holds initiatives as the reads show them, merges already folded in; a
// duplicate listed in `mergedFrom` is restored as an entry holding only its name, merged into its target,
// so the restored Landkarte lists the same merged names and folds nothing else in.

import * as Y from 'yjs';
import {
  INITIATIVE_LIMITS as L,
  isCooperationKind,
  isEntityId,
  isInitiativeStatus,
  isIsoDate,
  isPlanStatus,
  isSupportKind,
  ORIGIN_KINDS,
  PLAN_LIMITS as P,
  toCoordinates,
  type Cooperation,
  type Initiative,
  type Plan,
  type Supporter
} from '../model';
import { COOPERATION } from './cooperations';
import type { ConferenceDocs } from './docs';
import { CONTACT_LIMITS, CONTACTS, type ContactRequest } from './facilitators';
import { HIDDEN } from './initiative-moderation';
import { INITIATIVE } from './initiatives';
import { LOCAL_ORIGIN, type DocOrigin } from './origin';
import { PLAN, PLANS, STEP } from './plan-keys';
import { line, long, orderKey, time } from './restore';
import { ROOT } from './schema';
import { SUPPORTER } from './supporters';
import { createEntity, stampVersion, writableRoot } from './write';

const idSet = (ids: unknown): Y.Map<unknown> => {
  const set = new Y.Map<unknown>();
  if (Array.isArray(ids)) for (const id of ids) if (isEntityId(id)) set.set(id, true);
  return set;
};

/** Initiatives (hidden ones with their reason), their merged duplicates, cooperations and supporters. */
export function restoreLandkarte(
  docs: ConferenceDocs,
  initiatives: readonly Omit<Initiative, 'ownerTag'>[],
  cooperations: readonly Cooperation[],
  supporters: readonly Supporter[],
  origin: DocOrigin = LOCAL_ORIGIN
): void {
  const valid = initiatives.filter((i) => isEntityId(i.id));
  const ids = new Set(valid.map((i) => i.id as string));
  docs.shared.transact(() => {
    stampVersion(docs.shared);
    const root = writableRoot(docs.shared, ROOT.initiatives);
    for (const i of valid) {
      const coords = toCoordinates(i.coords?.lat, i.coords?.lon);
      const website = line(i.website, L.website);
      createEntity(root, i.id, {
        [INITIATIVE.name]: line(i.name, L.name),
        [INITIATIVE.description]: new Y.Text(long(i.description, L.description * 4)),
        [INITIATIVE.status]: isInitiativeStatus(i.status) ? i.status : 'exists',
        [INITIATIVE.fields]: idSet(i.fieldIds),
        [INITIATIVE.place]: line(i.place, L.place),
        [INITIATIVE.lat]: coords?.lat ?? null,
        [INITIATIVE.lon]: coords?.lon ?? null,
        [INITIATIVE.needs]: new Y.Text(long(i.needs, L.needs * 4)),
        [INITIATIVE.offers]: new Y.Text(long(i.offers, L.offers * 4)),
        [INITIATIVE.support]: new Y.Text(long(i.support, L.support * 4)),
        [INITIATIVE.website]: /^https?:\/\//i.test(website) ? website : '',
        [INITIATIVE.author]: line(i.author, 60),
        [INITIATIVE.ownerTag]: '',
        [INITIATIVE.createdAt]: time(i.createdAt)
      });
    }
    // Duplicates: the name only, ordered as listed (the reads fold them in by creation time).
    let n = 0;
    for (const i of valid)
      for (const dup of Array.isArray(i.mergedFrom) ? i.mergedFrom : [])
        if (isEntityId(dup?.id) && !ids.has(dup.id)) {
          ids.add(dup.id);
          createEntity(root, dup.id, {
            [INITIATIVE.name]: line(dup.name, L.name),
            [INITIATIVE.status]: 'exists',
            [INITIATIVE.author]: '',
            [INITIATIVE.ownerTag]: '',
            [INITIATIVE.createdAt]: n++
          });
        }
    const coopRoot = writableRoot(docs.shared, ROOT.cooperations);
    for (const c of cooperations)
      if (isEntityId(c.id) && isEntityId(c.a) && isEntityId(c.b))
        createEntity(coopRoot, c.id, {
          [COOPERATION.a]: c.a,
          [COOPERATION.b]: c.b,
          [COOPERATION.kind]: isCooperationKind(c.kind) ? c.kind : 'possible',
          [COOPERATION.note]: line(c.note, L.cooperationNote),
          [COOPERATION.createdAt]: time(c.createdAt)
        });
    const supRoot = writableRoot(docs.shared, ROOT.supporters);
    for (const s of supporters)
      if (isEntityId(s.id) && isEntityId(s.initiativeId) && isSupportKind(s.kind))
        createEntity(supRoot, s.id, {
          [SUPPORTER.initiativeId]: s.initiativeId,
          [SUPPORTER.kind]: s.kind,
          [SUPPORTER.name]: line(s.name, L.supporterName),
          [SUPPORTER.createdAt]: time(s.createdAt)
        });
  }, origin);
  docs.control.transact(() => {
    const merges = writableRoot(docs.control, ROOT.initiativeMerges);
    const hidden = writableRoot(docs.control, ROOT.initiativeHidden);
    for (const i of valid) {
      for (const dup of Array.isArray(i.mergedFrom) ? i.mergedFrom : [])
        if (isEntityId(dup?.id)) merges.set(dup.id, i.id);
      if (i.hidden)
        createEntity(hidden, i.id, {
          [HIDDEN.reason]: line(i.hidden.reason, L.hiddenReason),
          [HIDDEN.at]: 0
        });
    }
  }, origin);
}

/** Action plans with their steps and notes (plans doc). */
export function restorePlans(doc: Y.Doc, plans: readonly Plan[], origin: DocOrigin = LOCAL_ORIGIN): void {
  doc.transact(() => {
    const root = writableRoot(doc, PLANS);
    for (const p of plans) {
      if (!isEntityId(p.id)) continue;
      const steps = new Y.Map<unknown>();
      const notes = new Y.Map<unknown>();
      const o = p.origin;
      createEntity(root, p.id, {
        [PLAN.title]: line(p.title, P.title),
        [PLAN.goal]: new Y.Text(long(p.goal, P.goal * 2)),
        [PLAN.fieldId]: isEntityId(p.fieldId) ? p.fieldId : null,
        [PLAN.resources]: new Y.Text(long(p.resources, P.resources * 2)),
        [PLAN.partners]: idSet(p.partners),
        [PLAN.partnersText]: long(p.partnersText, P.partnersText),
        [PLAN.contact]: line(p.contact, P.contact),
        [PLAN.status]: isPlanStatus(p.status) ? p.status : 'planned',
        [PLAN.origin]:
          o && (ORIGIN_KINDS as readonly string[]).includes(o.kind)
            ? { kind: o.kind, id: isEntityId(o.id) ? o.id : '', title: line(o.title, P.title * 4) }
            : { kind: 'scratch', id: '', title: '' },
        [PLAN.steps]: steps,
        [PLAN.notes]: notes,
        [PLAN.createdAt]: time(p.createdAt)
      });
      for (const s of Array.isArray(p.steps) ? p.steps : [])
        if (isEntityId(s?.id))
          createEntity(steps, s.id, {
            [STEP.text]: line(s.text, P.stepText),
            [STEP.who]: line(s.who, P.who),
            [STEP.due]: isIsoDate(s.due) ? s.due : null,
            [STEP.done]: s.done === true,
            [STEP.order]: orderKey(s.order)
          });
      for (const n of Array.isArray(p.notes) ? p.notes : [])
        if (isEntityId(n?.id)) notes.set(n.id, { text: long(n.text, P.note), at: time(n.at) });
    }
  }, origin);
}

/** Contact details given with consent (facilitators doc). */
export function restoreContacts(
  doc: Y.Doc,
  contacts: readonly ContactRequest[],
  origin: DocOrigin = LOCAL_ORIGIN
): void {
  doc.transact(() => {
    const root = writableRoot(doc, CONTACTS);
    for (const c of contacts)
      if (isEntityId(c.id) && isEntityId(c.initiativeId))
        createEntity(root, c.id, {
          initiativeId: c.initiativeId,
          name: line(c.name, CONTACT_LIMITS.name),
          contact: line(c.contact, CONTACT_LIMITS.contact),
          createdAt: time(c.createdAt)
        });
  }, origin);
}
