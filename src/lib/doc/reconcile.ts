// After the relay refused this device's writes (room locked): which ideas of a local replica the relay never
// received. An idea counts as missing when the Yjs item that created it lies beyond the relay's state vector
// for its client, so ideas that came from the relay (other people's) never count, whichever session wrote
// ours. Reads go through the same distrustful reads as everywhere (readIdea).

import * as Y from 'yjs';
import type { Idea, IdeaId } from '../model';
import { readIdea } from './read';
import { ROOT, rootMap } from './schema';

/** Ideas in `local` whose creation is not covered by `remote` (a state vector: client → next clock). */
export function readIdeasMissingFrom(local: Y.Doc, remote: Map<number, number>): Idea[] {
  const out: { idea: Idea; client: number; clock: number }[] = [];
  rootMap(local, ROOT.ideas)?._map.forEach((item, key) => {
    if (item.deleted) return;
    const { client, clock } = item.id;
    if ((remote.get(client) ?? 0) > clock) return;
    const idea = readIdea(local, key as IdeaId);
    if (idea) out.push({ idea, client, clock });
  });
  // In the order they were written (createdAt, then this device's own clock order within one millisecond).
  out.sort((a, b) => a.idea.createdAt - b.idea.createdAt || a.client - b.client || a.clock - b.clock);
  return out.map((entry) => entry.idea);
}

/**
 * Ideas in `local` the relay's replica `fresh` does not hold as the same Yjs item. Unlike the state-vector
 * test this also finds ideas written under a client id the relay has bound to someone else (a client-id
 * collision, message 101 `client_conflict`): the relay then holds other items at those clocks. An idea the
 * relay holds and a facilitator removed counts as present (the removal stands).
 */
export function readIdeasMissingFromDoc(local: Y.Doc, fresh: Y.Doc): Idea[] {
  const theirs = rootMap(fresh, ROOT.ideas)?._map;
  const out: { idea: Idea; client: number; clock: number }[] = [];
  rootMap(local, ROOT.ideas)?._map.forEach((item, key) => {
    if (item.deleted) return;
    const { client, clock } = item.id;
    const held = theirs?.get(key);
    if (held && held.id.client === client && held.id.clock === clock) return;
    const idea = readIdea(local, key as IdeaId);
    if (idea) out.push({ idea, client, clock });
  });
  out.sort((a, b) => a.idea.createdAt - b.idea.createdAt || a.client - b.client || a.clock - b.clock);
  return out.map((entry) => entry.idea);
}

/** The state vector of a document as a map (client → next clock). */
export function stateVectorOf(doc: Y.Doc): Map<number, number> {
  return Y.decodeStateVector(Y.encodeStateVector(doc));
}
