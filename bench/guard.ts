// The ownership check's CPU cost per update, alone and against what applying the update costs anyway
// (`npx tsx bench/guard.ts [--updates N] [--ideas N]`). Builds a shared document of N ideas written by 300
// participants' client ids, then times the writes a participant's phone sends (a new idea: one nested map
// with four properties; an edit of its own idea's text) through Y.applyUpdate alone and through
// checkOwnership + Y.applyUpdate, interleaved in rounds so machine noise hits both alike. Prints µs per
// update and the ratio. The relay bench (`npm run bench`) measures the same end to end.

import { parseArgs } from 'node:util';
import * as Y from 'yjs';
import { checkOwnership } from '../sync-server/src/guard';
import { ClientOwners } from '../sync-server/src/owners';
import { mulberry32 } from '../tests/helpers/random';

const { values } = parseArgs({
  options: { updates: { type: 'string', default: '4000' }, ideas: { type: 'string', default: '2000' } }
});
const UPDATES = Number(values.updates);
const IDEAS = Number(values.ideas);
const PARTICIPANTS = 300;
const random = mulberry32(9);

function idea(doc: Y.Doc, id: string, text: string): void {
  const map = new Y.Map<unknown>();
  doc.getMap('ideas').set(id, map);
  map.set('tableId', 'tisch-1');
  map.set('text', text);
  map.set('author', 'Anna');
  map.set('createdAt', Date.now());
}

// The board: IDEAS ideas from PARTICIPANTS client ids, each bound to its participant.
const base = new Y.Doc();
const owners: Array<[number, string]> = [];
const writers = Array.from({ length: PARTICIPANTS }, (_, i) => {
  const doc = new Y.Doc();
  doc.clientID = 1000 + i;
  owners.push([doc.clientID, `p:${i}`]);
  return doc;
});
for (let i = 0; i < IDEAS; i++) {
  const w = writers[i % PARTICIPANTS]!;
  Y.applyUpdate(w, Y.encodeStateAsUpdate(base, Y.encodeStateVector(w)));
  idea(w, `idea-${i}`, `Idee Nummer ${i} mit etwas Text, wie ihn Menschen schreiben.`);
  Y.applyUpdate(base, Y.encodeStateAsUpdate(w, Y.encodeStateVector(base)));
}
const snapshot = Y.encodeStateAsUpdate(base);

// The writes: half new ideas, half edits of the writer's own idea.
const writes: Array<{ update: Uint8Array; owner: string }> = [];
const replica = new Y.Doc();
Y.applyUpdate(replica, snapshot);
for (let n = 0; n < UPDATES; n++) {
  const i = Math.floor(random() * PARTICIPANTS);
  const w = writers[i]!;
  Y.applyUpdate(w, Y.encodeStateAsUpdate(replica, Y.encodeStateVector(w)));
  const before = Y.encodeStateVector(w);
  const own = [...w.getMap<Y.Map<unknown>>('ideas').keys()].find(
    (k) => Number(k.split('-')[1]) % PARTICIPANTS === i
  );
  if (n % 2 === 0 || !own) idea(w, `new-${n}`, `Neue Idee ${n}`);
  else w.getMap<Y.Map<unknown>>('ideas').get(own)?.set('text', `Geändert ${n}`);
  const update = Y.encodeStateAsUpdate(w, before);
  Y.applyUpdate(replica, update);
  writes.push({ update, owner: `p:${i}` });
}

function run(check: boolean): number {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, snapshot);
  const bindings = new ClientOwners(owners);
  const started = process.hrtime.bigint();
  for (const { update, owner } of writes) {
    if (check) {
      const verdict = checkOwnership(doc, bindings, owner, false, update);
      if (!verdict.ok) throw new Error(`honest write refused: ${verdict.reason}`);
    }
    Y.applyUpdate(doc, update);
  }
  const micros = Number(process.hrtime.bigint() - started) / 1000;
  doc.destroy();
  return micros / writes.length;
}

const rounds = 5;
const plain: number[] = [];
const checked: number[] = [];
run(false); // warm-up
run(true);
for (let r = 0; r < rounds; r++) {
  plain.push(run(false));
  checked.push(run(true));
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const a = median(plain);
const b = median(checked);
process.stdout.write(
  `${writes.length} updates on a board of ${IDEAS} ideas from ${PARTICIPANTS} participants, median of ${rounds} rounds\n` +
    `apply only:          ${a.toFixed(1)} µs per update\n` +
    `check + apply:       ${b.toFixed(1)} µs per update\n` +
    `check alone:         ${(b - a).toFixed(1)} µs per update (${(((b - a) / a) * 100).toFixed(0)} % of apply)\n`
);
