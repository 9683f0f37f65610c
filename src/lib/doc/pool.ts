// The region's own Aktionspool actions in the control document (facilitators write them; everyone reads).
// Each is a nested map; its lists (steps, partners, regions) are plain arrays replaced whole. An import
// adds all of a file's actions in one transaction, or none.

import type * as Y from 'yjs';
import {
  err,
  isEntityId,
  ok,
  parsePoolAction,
  randomBase64url,
  type CommandError,
  type PoolAction,
  type Result
} from '../model';
import { LOCAL_ORIGIN, type DocOrigin } from './origin';
import { asEntity, POOL_ACTION, ROOT, rootMap } from './schema';
import { createEntity, entityIn, writableRoot } from './write';

export type PoolActionInput = Omit<PoolAction, 'id' | 'source'>;

function write(control: Y.Doc, action: PoolActionInput): string {
  const id = randomBase64url(16);
  createEntity(writableRoot(control, ROOT.poolActions), id, {
    [POOL_ACTION.title]: action.title,
    [POOL_ACTION.field]: action.field,
    [POOL_ACTION.effort]: action.effort,
    [POOL_ACTION.regions]: [...action.regions],
    [POOL_ACTION.achieves]: action.achieves,
    [POOL_ACTION.steps]: [...action.steps],
    [POOL_ACTION.partners]: [...action.partners],
    [POOL_ACTION.createdAt]: Date.now()
  });
  return id;
}

/** Adds the region's own actions (one or a whole imported file): all valid, or none is written. */
export function addPoolActions(
  control: Y.Doc,
  actions: readonly PoolActionInput[],
  origin: DocOrigin = LOCAL_ORIGIN
): Result<string[], CommandError> {
  const cleaned: PoolActionInput[] = [];
  for (const action of actions) {
    const clean = parsePoolAction(action);
    if (!clean) return err('empty');
    cleaned.push(clean);
  }
  const ids: string[] = [];
  control.transact(() => {
    for (const action of cleaned) ids.push(write(control, action));
  }, origin);
  return ok(ids);
}

export function removePoolAction(
  control: Y.Doc,
  id: string,
  origin: DocOrigin = LOCAL_ORIGIN
): Result<void, CommandError> {
  if (!entityIn(control, ROOT.poolActions, id)) return err('notFound');
  control.transact(() => writableRoot(control, ROOT.poolActions).delete(id), origin);
  return ok(undefined);
}

/** The region's actions, oldest first; anything unreadable is skipped. */
export function readPoolActions(control: Y.Doc): PoolAction[] {
  const map = rootMap(control, ROOT.poolActions);
  if (!map) return [];
  const out: { action: PoolAction; at: number }[] = [];
  map.forEach((value, key) => {
    const m = asEntity(value);
    if (!m || !isEntityId(key)) return;
    const raw = Object.fromEntries(Object.values(POOL_ACTION).map((k) => [k, m.get(k)]));
    const action = parsePoolAction(raw);
    const at = typeof raw.createdAt === 'number' ? raw.createdAt : 0;
    if (action) out.push({ action: { ...action, id: key, source: 'region' }, at });
  });
  return out.sort((a, b) => a.at - b.at || (a.action.id < b.action.id ? -1 : 1)).map((x) => x.action);
}
