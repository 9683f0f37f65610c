// The write check of a plan link (a participant link with a scope, issue 12), before an update touches the
// plans document (connection.ts). A plan is the nested Y.Map at key <planId> of the root map `plans`
// (PLANS_ROOT in src/lib/model/policy.ts: access policy, like the room lock). An update is allowed when every
// item it adds lands strictly inside that plan: its parent (named by id, or implied by a neighbour, as for
// map overwrites and list inserts) resolves, through the document or through items earlier resolved in the
// same update, to the plan's map or something nested in it. Nothing at the root map itself (no new plan,
// no overwritten plan), no other root. Every deletion it carries is of an item inside the plan, of an item
// of this update, or of one the relay has deleted already (a sync step 2 carries the whole delete set).
// Like guard.ts it reads client ids, clocks, parents and map keys: never content.

import * as Y from 'yjs';
import { PLANS_ROOT } from '../../src/lib/model/policy';

type Store = Y.Doc['store'];

/** True when `update` writes and deletes only inside plan `planId` of the plans document `doc`. */
export function withinPlan(doc: Y.Doc, planId: string, update: Uint8Array): boolean {
  const { structs, ds } = Y.decodeUpdate(update);
  const store = doc.store;
  const root = doc.share.get(PLANS_ROOT) ?? null;
  /**
   * New structs of this update by client, in clock order (decodeUpdate sorts them so). Items, and GC
   * structs: collected content (a whole state's deleted items) carries nothing and lands nowhere.
   */
  const fresh = new Map<number, Array<Y.Item | Y.GC>>();
  for (const struct of structs) {
    if (struct instanceof Y.Skip) continue;
    const { client, clock } = struct.id;
    if (clock + struct.length <= Y.getState(store, client)) continue; // the relay has it: Yjs skips it
    let list = fresh.get(client);
    if (!list) fresh.set(client, (list = []));
    list.push(struct);
  }
  const verdicts = new Map<Y.Item, boolean>();

  /** The plan's map item, or a stored item nested in it. */
  const storedInside = (item: Y.Item): boolean => {
    let current: Y.Item = item;
    for (;;) {
      const parent = current.parent as Y.AbstractType<unknown> | null;
      if (!parent) return false;
      const above = parent._item;
      if (above === null) return parent === root && root !== null && current.parentSub === planId;
      current = above;
    }
  };

  /** A new struct of this update holding `id`, or undefined. */
  const freshAt = (id: Y.ID): Y.Item | Y.GC | undefined => {
    const list = fresh.get(id.client);
    if (!list) return undefined;
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = list[mid]!;
      if (id.clock < s.id.clock) hi = mid - 1;
      else if (id.clock >= s.id.clock + s.length) lo = mid + 1;
      else return s;
    }
    return undefined;
  };

  /** The item with `id` is the plan's map or inside it (a type the new item may be written into). */
  const containerInside = (id: Y.ID): boolean => {
    if (id.clock < Y.getState(store, id.client)) {
      const item = Y.getItem(store, id);
      // Collected (its parent was deleted): Yjs collects what is written into it too.
      if (!(item instanceof Y.Item)) return true;
      return storedInside(item);
    }
    const created = freshAt(id);
    if (created === undefined) return false;
    return created instanceof Y.Item ? allowed(created) : true;
  };

  /** A new item lands strictly inside the plan. */
  const allowed = (item: Y.Item): boolean => {
    const known = verdicts.get(item);
    if (known !== undefined) return known;
    verdicts.set(item, false); // a cycle of references resolves to refused
    const verdict = placeAllowed(item);
    verdicts.set(item, verdict);
    return verdict;
  };

  const placeAllowed = (item: Y.Item): boolean => {
    const parent = item.parent as unknown;
    if (typeof parent === 'string') return false; // a root type: no new or overwritten plan, no other root
    if (parent instanceof Y.ID) return containerInside(parent);
    // The parent follows from a neighbour (origin or right origin).
    const ref = item.origin ?? item.rightOrigin;
    if (!ref) return false;
    if (ref.clock < Y.getState(store, ref.client)) {
      const neighbour = Y.getItem(store, ref);
      if (!(neighbour instanceof Y.Item)) return true; // collected with its deleted parent
      const type = neighbour.parent as Y.AbstractType<unknown> | null;
      const container = type?._item ?? null;
      return container !== null && storedInside(container);
    }
    const sibling = freshAt(ref);
    if (sibling === undefined) return false;
    return sibling instanceof Y.Item ? allowed(sibling) : true;
  };

  for (const list of fresh.values()) {
    for (const struct of list) if (struct instanceof Y.Item && !allowed(struct)) return false;
  }
  for (const [client, deletes] of ds.clients) {
    for (const { clock, len } of deletes) if (!deletableRange(store, client, clock, len)) return false;
  }
  return true;

  /** Every struct in [clock, clock + len) of `client`: deleted already, of this update, or inside the plan. */
  function deletableRange(s: Store, client: number, clock: number, len: number): boolean {
    const known = Y.getState(s, client);
    const end = clock + len;
    if (end > known) {
      // Beyond what the relay has: only structs of this update itself (each checked above).
      for (let c = Math.max(clock, known); c < end;) {
        const struct = freshAt(new Y.ID(client, c));
        if (!struct) return false;
        c = struct.id.clock + struct.length;
      }
    }
    if (clock >= known) return true;
    const list = s.clients.get(client);
    if (!list) return false;
    for (let i = Y.findIndexSS(list, clock); i < list.length; i++) {
      const struct = list[i]!;
      if (struct.id.clock >= Math.min(end, known)) break;
      if (struct.deleted || !(struct instanceof Y.Item)) continue;
      // Strictly inside: deleting the plan's own map would remove the plan.
      const type = struct.parent as Y.AbstractType<unknown> | null;
      const container = type?._item ?? null;
      if (container === null || !storedInside(container)) return false;
    }
    return true;
  }
}
