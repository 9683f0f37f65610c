// Facilitators hide an idea with a reason, and show it again. The decision is theirs about someone
// else's entry, so it lives in the control document (root `ideaHidden`, keyed by idea id), never inside
// the idea: the author keeps owning the idea, and the reason reaches them with the control document.

import type * as Y from 'yjs';
import {
  cleanText,
  err,
  isEntityId,
  LIMITS,
  ok,
  validateText,
  type CommandError,
  type IdeaId,
  type Result
} from '../model';
import type { ConferenceDocs } from './docs';
import { LOCAL_ORIGIN, type DocOrigin } from './origin';
import { asEntity, ROOT, rootMap } from './schema';
import { createEntity, entityIn, stampVersion, writableRoot } from './write';

export const HIDDEN_IDEA = Object.freeze({ reason: 'reason', at: 'at' });

/** Longest reason a facilitator can give (one line, read on a phone). */
export const HIDDEN_IDEA_REASON_MAX = LIMITS.hiddenReason;

export interface HiddenIdea {
  reason: string;
  /** When it was hidden, ms since the epoch (0 when unknown). */
  at: number;
}

/** Hides an idea of the shared document for everyone but its author and facilitators. */
export function hideIdea(
  docs: ConferenceDocs,
  id: IdeaId,
  reason: string,
  origin: DocOrigin = LOCAL_ORIGIN
): Result<void, CommandError> {
  if (!entityIn(docs.shared, ROOT.ideas, id)) return err('notFound');
  const r = validateText(reason, { max: HIDDEN_IDEA_REASON_MAX, singleLine: true, required: true });
  if (!r.ok) return err(r.error, 'reason');
  docs.control.transact(() => {
    stampVersion(docs.control);
    const hidden = writableRoot(docs.control, ROOT.ideaHidden);
    // A second facilitator hiding the same idea replaces the reason as one value (no mixed halves).
    createEntity(hidden, id, { [HIDDEN_IDEA.reason]: r.value, [HIDDEN_IDEA.at]: Date.now() });
  }, origin);
  return ok(undefined);
}

/** Shows a hidden idea again; `notFound` when it is not hidden. */
export function unhideIdea(
  control: Y.Doc,
  id: IdeaId,
  origin: DocOrigin = LOCAL_ORIGIN
): Result<void, CommandError> {
  const hidden = writableRoot(control, ROOT.ideaHidden);
  if (!hidden.has(id)) return err('notFound');
  control.transact(() => hidden.delete(id), origin);
  return ok(undefined);
}

/** Every hidden idea id with its reason (entries of the wrong shape are skipped). */
export function readHiddenIdeas(control: Y.Doc): Map<IdeaId, HiddenIdea> {
  const out = new Map<IdeaId, HiddenIdea>();
  const root = rootMap(control, ROOT.ideaHidden);
  if (!root) return out;
  for (const [id, value] of root) {
    const m = asEntity(value);
    if (!m || !isEntityId(id)) continue;
    const reason = m.get(HIDDEN_IDEA.reason);
    const at = m.get(HIDDEN_IDEA.at);
    out.set(id as IdeaId, {
      reason: cleanText(typeof reason === 'string' ? reason : '', HIDDEN_IDEA_REASON_MAX, {
        singleLine: true
      }),
      at: typeof at === 'number' && Number.isFinite(at) ? at : 0
    });
  }
  return out;
}
