// Seeded network simulation: 3–5 replicas of BOTH conference documents run random commands (including
// concurrent edits of the same entity) while a mesh network reorders, duplicates and delays messages and
// partitions replicas; a reconnect exchanges state-vector diffs like y-websocket's sync step. At the end
// every replica's typed reads must be deep-equal and nothing added (and never removed) may be lost.
// Run more seeds with CONVERGENCE_SEEDS=N, replay one with CONVERGENCE_SEED=s.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, test, vi } from 'vitest';
import * as Y from 'yjs';
import * as D from '../../src/lib/doc';
import type { FieldId, IdeaId, RoomId, TableId } from '../../src/lib/model';
import { mulberry32, seedList } from '../helpers/random';

const DEFAULT_SEEDS = 100;
const STEPS = 80;
const seeds = seedList('CONVERGENCE', DEFAULT_SEEDS);

class Rng {
  readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  int = (n: number): number => Math.floor(this.next() * n);
  chance = (p: number): boolean => this.next() < p;
  pick = <T>(items: readonly T[]): T | undefined => items[this.int(items.length)];
}

type Kind = 'control' | 'shared';
interface Message {
  to: number;
  kind: Kind;
  update: Uint8Array;
}
const NET = Symbol('net');
const KINDS: Kind[] = ['control', 'shared'];

/** A mesh of replicas; messages wait in one pool and are delivered in random order, some twice. */
class Network {
  readonly replicas: D.ConferenceDocs[] = [];
  readonly online: boolean[] = [];
  pool: Message[] = [];

  constructor(
    count: number,
    private readonly rng: Rng
  ) {
    for (let i = 0; i < count; i++) {
      const docs = D.createConferenceDocs('convergenceRoom' as RoomId);
      docs.control.clientID = 1000 + i;
      docs.shared.clientID = 2000 + i;
      for (const kind of KINDS) {
        docs[kind].on('update', (update: Uint8Array, origin: unknown) => {
          if (origin === NET || !this.online[i]) return;
          for (let to = 0; to < count; to++)
            if (to !== i && this.online[to]) this.pool.push({ to, kind, update });
        });
      }
      this.replicas.push(docs);
      this.online.push(true);
    }
  }

  deliver(count: number, duplicates = true): void {
    for (let k = 0; k < count && this.pool.length > 0; k++) {
      const index = this.rng.int(this.pool.length);
      const message = this.pool[index] as Message;
      if (!(duplicates && this.rng.chance(0.1))) this.pool.splice(index, 1);
      if (this.online[message.to])
        Y.applyUpdate(this.replicas[message.to]![message.kind], message.update, NET);
    }
  }

  disconnect(i: number): void {
    this.online[i] = false;
    this.pool = this.pool.filter((m) => m.to !== i); // in flight to i: lost
  }

  /** Sync step 1/2 with every online peer: each side gets what the other's state vector lacks. */
  connect(i: number): void {
    this.online[i] = true;
    for (let j = 0; j < this.replicas.length; j++) {
      if (j === i || !this.online[j]) continue;
      for (const kind of KINDS) {
        const a = this.replicas[i]![kind];
        const b = this.replicas[j]![kind];
        this.pool.push({ to: j, kind, update: Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)) });
        this.pool.push({ to: i, kind, update: Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)) });
      }
    }
  }

  heal(): void {
    for (let i = 0; i < this.replicas.length; i++) this.connect(i);
    this.deliver(Number.POSITIVE_INFINITY, false);
  }
}

const PIECES = [
  'Energie',
  'Bürgerbus',
  'Solawi',
  'Dorfladen',
  ' ',
  '\n',
  '\u0007',
  '\uD800',
  '😀',
  'a\u0308',
  '\t',
  '  '
];
function randomText(rng: Rng): string {
  if (rng.chance(0.03)) return 'x'.repeat(600); // too long: the command must refuse it everywhere
  return Array.from({ length: rng.int(4) }, () => rng.pick(PIECES)).join('');
}

interface Ledger {
  added: Set<string>;
  removed: Set<string>;
}

/** One random command on replica `docs` (on the `target`-th entity); records what was added and removed. */
function act(
  rng: Rng,
  docs: D.ConferenceDocs,
  ledger: Ledger,
  op = rng.int(14),
  target = rng.int(1e6)
): void {
  const { control, shared } = docs;
  const at = <T>(items: readonly T[]): T | undefined => items[target % Math.max(1, items.length)];
  const field = at(D.readFields(control))?.id;
  const table = at(D.readTables(control))?.id;
  const idea = at(D.readIdeas(shared))?.id;
  const track = (r: { ok: boolean; value?: unknown }) => r.ok && ledger.added.add(String(r.value));
  const remove = (id: string | undefined, r: { ok: boolean }) => r.ok && id && ledger.removed.add(id);
  switch (op) {
    case 0: {
      const day = `2025-06-${String(1 + rng.int(28)).padStart(2, '0')}`;
      D.updateConferenceInfo(
        control,
        rng.chance(0.5) ? { title: randomText(rng) || 'T' } : { startDate: day, region: randomText(rng) }
      );
      return;
    }
    case 1:
      return void track(D.addField(control, { name: randomText(rng), crossCutting: rng.chance(0.2) }));
    case 2:
      return void (field && D.renameField(control, field, randomText(rng)));
    case 3:
      return void (field && D.updateField(control, field, { crossCutting: rng.chance(0.5) }));
    case 4:
      return void (field && rng.chance(0.5) && remove(field, D.removeField(control, field)));
    case 5:
      return void (field && D.moveField(control, field, rng.int(8) - 1));
    case 6:
    case 7:
      return void track(
        D.addTable(control, {
          title: randomText(rng) || 'Tisch',
          fieldId: rng.chance(0.7) ? (field ?? null) : null
        })
      );
    case 8:
      if (!table) return;
      D.updateTable(
        control,
        table,
        rng.chance(0.5) ? { question: randomText(rng) } : { host: randomText(rng), fieldId: field ?? null }
      );
      return;
    case 9:
      return void (table && remove(table, D.removeTable(control, table)));
    case 10:
      return void (table && D.moveTable(control, table, rng.int(12) - 1));
    case 11:
    case 12:
      return void (
        table &&
        track(D.addIdea(shared, { tableId: table, text: randomText(rng) || 'Idee', author: randomText(rng) }))
      );
    default:
      if (!idea) return;
      if (rng.chance(0.3)) remove(idea, D.removeIdea(shared, idea));
      else
        D.updateIdea(
          shared,
          idea,
          rng.chance(0.7) ? { text: randomText(rng) || 'neu' } : { tableId: table as TableId }
        );
  }
}

function snapshot(docs: D.ConferenceDocs) {
  return {
    info: D.readConference(docs.control),
    fields: D.readFields(docs.control),
    tables: D.readTables(docs.control),
    ideas: D.readIdeas(docs.shared),
    counts: [...D.countIdeasByTable(docs.shared)].sort(),
    raw: { control: docs.control.toJSON(), shared: docs.shared.toJSON() }
  };
}

const fixture = (name: string): Uint8Array => readFileSync(new URL(`../fixtures/${name}`, import.meta.url));

function simulate(seed: number): { network: Network; ledger: Ledger; fromV0: boolean } {
  const rng = new Rng(seed);
  const bytes = mulberry32(seed ^ 0x9e3779b9);
  vi.spyOn(globalThis.crypto, 'getRandomValues').mockImplementation(
    <T extends ArrayBufferView | null>(array: T): T => {
      if (array)
        new Uint8Array(array.buffer, array.byteOffset, array.byteLength).forEach(
          (_, i, a) => (a[i] = Math.floor(bytes() * 256))
        );
      return array;
    }
  );
  let clock = 1_750_000_000_000;
  vi.spyOn(Date, 'now').mockImplementation(() => (clock += rng.int(2))); // equal timestamps happen
  const network = new Network(3 + rng.int(3), rng);
  const ledger: Ledger = { added: new Set(), removed: new Set() };
  const fromV0 = rng.chance(0.15);
  if (fromV0) {
    // Every replica loads the same v0 document offline and migrates it on its own.
    for (const docs of network.replicas) {
      Y.applyUpdate(docs.control, fixture('v0-control.bin'), NET);
      Y.applyUpdate(docs.shared, fixture('v0-shared.bin'), NET);
      expect(D.migrate(docs.control).status).toBe('migrated');
      expect(D.migrate(docs.shared).status).toBe('migrated');
    }
  } else {
    D.initConference(network.replicas[0]!.control, { title: 'Mitmach-Konferenz' });
  }
  const n = network.replicas.length;
  for (let step = 0; step < STEPS; step++) {
    const r = rng.next();
    if (r < 0.08) {
      const i = rng.int(n);
      if (!network.online[i]) network.connect(i);
      else if (rng.chance(0.5)) network.disconnect(i);
    } else if (r < 0.18) {
      // Concurrent edits of the same entity (same op, same target index) by several replicas, with
      // different values, before anything is delivered.
      const op = rng.pick([2, 3, 5, 5, 8, 8, 10, 10, 13, 13, 4, 9])!;
      const target = rng.int(1e6);
      for (let k = 0; k < 2 + rng.int(2); k++) act(rng, network.replicas[rng.int(n)]!, ledger, op, target);
    } else {
      act(rng, network.replicas[rng.int(n)]!, ledger);
    }
    network.deliver(rng.int(5));
  }
  network.heal();
  return { network, ledger, fromV0 };
}

describe('convergence of both documents under a hostile network', () => {
  afterEach(() => vi.restoreAllMocks());

  test.each(seeds)('seed %i', (seed) => {
    const { network, ledger } = simulate(seed);
    const replay = `seed ${seed} (replay: CONVERGENCE_SEED=${seed} npx vitest run tests/integration/convergence.test.ts)`;
    const [first, ...rest] = network.replicas.map(snapshot);
    rest.forEach((other, i) => expect(other, `replica ${i + 1} vs 0, ${replay}`).toEqual(first));
    const present = new Set([...first!.fields, ...first!.tables, ...first!.ideas].map((e) => e.id as string));
    const lost = [...ledger.added].filter((id) => !ledger.removed.has(id) && !present.has(id));
    expect(lost, `lost entities, ${replay}`).toEqual([]);
    const fieldIds = new Set(first!.fields.map((f) => f.id as FieldId | null));
    expect(
      first!.tables.every((t) => t.fieldId === null || fieldIds.has(t.fieldId)),
      replay
    ).toBe(true);
    expect(new Set(first!.ideas.map((i) => i.id as IdeaId)).size, replay).toBe(first!.ideas.length);
  });
});
