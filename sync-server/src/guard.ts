// The ownership check of one write to a shared document, before it touches the document (connection.ts).
// A participant may change and delete only items created by client ids bound to them (owners.ts), and may
// add items only where the schema is open to everyone: a new key or list entry in a root type, or inside
// an item of their own. Refused: structs of a client id bound to someone else, or of an unbound client id
// the document already holds items of (`client_conflict`: a collision, or an attempt to write as someone
// else); deleting items of another owner the relay has not deleted already, writing into a nested type
// another owner created, overwriting a map key whose current value (live or removed) another owner wrote
// (`not_owner`).
// Facilitators are exempt (moderation); their new client ids are bound all the same, so nobody else can
// write as them. The check reads client ids, clocks, parents and map keys: never content.

import * as Y from 'yjs';
import { REFUSAL_REASONS } from '../../src/lib/model/policy';
import type { ClientOwners } from './owners';

export type OwnershipVerdict =
  | { ok: true; /** New client ids of this write, to bind to its owner. */ bind: number[] }
  | { ok: false; reason: string };

const NOT_OWNER = { ok: false, reason: REFUSAL_REASONS.notOwner } as const;
const CONFLICT = { ok: false, reason: REFUSAL_REASONS.clientConflict } as const;
const NOTHING_TO_BIND = { ok: true, bind: [] as number[] } as const;

type Store = Y.Doc['store'];

export function checkOwnership(
  doc: Y.Doc,
  owners: ClientOwners,
  owner: string,
  exempt: boolean,
  update: Uint8Array
): OwnershipVerdict {
  const { structs, ds } = Y.decodeUpdate(update);
  const store = doc.store;
  let bind: number[] | null = null;
  const ownerOf = (client: number): string | undefined =>
    owners.get(client) ?? (bind?.includes(client) ? owner : undefined);
  const isNew = (struct: (typeof structs)[number]): boolean =>
    !(struct instanceof Y.Skip) && struct.id.clock + struct.length > Y.getState(store, struct.id.client);

  // Every client id of the write first: Yjs orders structs by client id, not by time, so an item may refer
  // to one of a client id further down (a phone that restarted offline edits what it wrote before).
  let lastClient = -1;
  for (const struct of structs) {
    if (!isNew(struct) || struct.id.client === lastClient) continue; // known ones: Yjs skips them
    const client = (lastClient = struct.id.client);
    const bound = ownerOf(client);
    if (bound === undefined) {
      // Items of an unbound client exist (written before bindings, or bound elsewhere and not known
      // here): nobody may continue it.
      if (Y.getState(store, client) > 0) {
        if (!exempt) return CONFLICT;
      } else (bind ??= []).push(client);
    } else if (bound !== owner && !exempt) return CONFLICT;
  }
  if (!exempt) {
    for (const struct of structs) {
      if (!isNew(struct) || !(struct instanceof Y.Item)) continue;
      if (!itemAllowed(struct, doc, owner, ownerOf)) return NOT_OWNER;
    }
    for (const [client, deletes] of ds.clients) {
      if (ownerOf(client) === owner) continue;
      for (const { clock, len } of deletes) if (!alreadyDeleted(store, client, clock, len)) return NOT_OWNER;
    }
  }
  return bind ? { ok: true, bind } : NOTHING_TO_BIND;
}

/** Where a new item lands: inside a type this owner may write, and overwriting nobody else's map value. */
function itemAllowed(
  item: Y.Item,
  doc: Y.Doc,
  owner: string,
  ownerOf: (client: number) => string | undefined
): boolean {
  const store = doc.store;
  const parent = item.parent as unknown;
  let type: Y.AbstractType<unknown> | null;
  let key = item.parentSub;
  if (typeof parent === 'string') {
    // A root type: open to everyone. Its current value at `key` (if any) is checked below.
    type = (doc.share.get(parent) as Y.AbstractType<unknown> | undefined) ?? null;
  } else if (parent instanceof Y.ID) {
    if (ownerOf(parent.client) !== owner) return false;
    if (parent.clock >= Y.getState(store, parent.client)) return true; // created in this write: empty
    const parentItem = Y.getItem(store, parent);
    // Deleted (a facilitator removed the idea while its author edited it offline): Yjs integrates the
    // item as deleted, nothing of it shows. A live item that is no type cannot hold anything.
    if (parentItem.deleted) return true;
    type = parentItem instanceof Y.Item ? ((parentItem.content as Y.ContentType).type ?? null) : null;
    if (!type) return false;
  } else {
    // The parent follows from a neighbour (origin or right origin), as for every map overwrite.
    const ref = item.origin ?? item.rightOrigin;
    if (!ref) return false;
    if (ref.clock >= Y.getState(store, ref.client)) {
      // A neighbour the relay does not have: this write's own earlier item (checked itself), else refused.
      return ownerOf(ref.client) === owner;
    }
    const neighbour = Y.getItem(store, ref);
    // Collected with its deleted parent: Yjs collects the new item too, nothing of it stays.
    if (!(neighbour instanceof Y.Item)) return true;
    type = neighbour.parent as Y.AbstractType<unknown> | null;
    key = neighbour.parentSub;
    const container = type?._item;
    if (container && ownerOf(container.id.client) !== owner) return false;
  }
  if (key === null || !type) return true;
  // Deleted values count too: re-creating a removed idea's key would take it over.
  const current = type._map.get(key);
  return !current || ownerOf(current.id.client) === owner;
}

/** Every item of `client` in [clock, clock + len) exists in the store and is deleted already. */
function alreadyDeleted(store: Store, client: number, clock: number, len: number): boolean {
  const structs = store.clients.get(client);
  if (!structs || clock + len > Y.getState(store, client)) return false;
  for (let i = Y.findIndexSS(structs, clock); i < structs.length; i++) {
    const struct = structs[i]!;
    if (struct.id.clock >= clock + len) break;
    if (!struct.deleted) return false;
  }
  return true;
}
