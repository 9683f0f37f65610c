// Scale-out case `redis-2x`: what does a second relay instance behind Redis cost in latency? Run A: one
// instance of our relay on PostgreSQL (DATABASE_URL) and Redis (REDIS_URL), every socket on it. Run B: two
// instances on the same database and Redis, each room's sockets alternating between them, so most
// deliveries cross Redis. Same generated traffic in both; target (issue): B's p99 at most 10 ms above A's.
// Every run gets its own PostgreSQL schema (dropped afterwards) with fresh rooms, so runs never collide;
// Redis channels are per document and room ids are random. The reference relay has no scale-out.

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';
import postgres from 'postgres';
import { openPostgresStorage } from '../sync-server/src/storage/postgres';
import { dropPgSchema, urlWithSchema } from '../tests/helpers/pg';
import { makeDataDir, PIN, registerRooms, runLoadgen, startOurs, type RelayProcess } from './processes';
import { MiB, type Case, type CaseContext, type CaseReport, type Row } from './report';
import type { RelaySample, TrafficResult, TrafficTask } from './tasks';
import { commonRows, healthNotes, ms, perClientPerSecond, pick, relayWaitNote } from './traffic-rows';

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const ADDED_P99_TARGET_MS = 10;
const LABELS = { ours: 'B (two instances)', reference: 'A (one instance)' };

type Spec = Omit<
  TrafficTask,
  'kind' | 'wsBase' | 'relayPid' | 'roomPaths' | 'socketBases' | 'otherRelayPids'
>;

/** A URL fit for the report: the password (if any) masked. */
function shown(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

const reason = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Null when PostgreSQL and Redis answer, else why not (the case is then skipped). */
async function servicesDown(): Promise<string | null> {
  const problems: string[] = [];
  const sql = postgres(DATABASE_URL, { max: 1, connect_timeout: 3, onnotice: () => undefined });
  try {
    await sql`SELECT 1`;
  } catch (error) {
    problems.push(`PostgreSQL at ${shown(DATABASE_URL)} is unreachable (${reason(error)})`);
  } finally {
    await sql.end({ timeout: 1 });
  }
  const redis = new Redis(REDIS_URL, {
    lazyConnect: true,
    connectTimeout: 3000,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null
  });
  let socketError: unknown = null; // connect() itself only says "Connection is closed."
  redis.on('error', (error) => (socketError ??= error));
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    problems.push(`Redis at ${shown(REDIS_URL)} is unreachable (${reason(socketError ?? error)})`);
  } finally {
    redis.disconnect();
  }
  if (problems.length === 0) return null;
  return `${problems.join('; ')}. Set DATABASE_URL and REDIS_URL to reachable services to run this case.`;
}

/** One run: `instances` relays on a fresh schema with `rooms` fresh rooms, the traffic spread over them. */
async function runScaled(
  ctx: CaseContext,
  instances: number,
  rooms: number,
  spec: Spec
): Promise<TrafficResult> {
  const label = instances === 1 ? 'A' : 'B';
  const schema = `slt_bench_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  const databaseUrl = urlWithSchema(DATABASE_URL, schema);
  const dataDir = makeDataDir();
  const relays: RelayProcess[] = [];
  try {
    ctx.log(`  ${label}: registering ${rooms} rooms in PostgreSQL schema ${schema}`);
    const storage = await openPostgresStorage(databaseUrl, { max: 1 });
    const roomPaths = await registerRooms(storage, rooms).finally(() => storage.close());
    // Same TOKEN_SECRET everywhere (required with DATABASE_URL); SQLite in DATA_DIR stays unused.
    const env = {
      DATABASE_URL: databaseUrl,
      REDIS_URL,
      TOKEN_SECRET: crypto.randomBytes(32).toString('hex')
    };
    for (let i = 0; i < instances; i++) relays.push(await startOurs(path.join(dataDir, `i${i + 1}`), env));
    ctx.log(`  ${label}: relay pids ${relays.map((r) => `${r.pid} on port ${r.port}`).join(', ')}`);
    const [first, ...others] = relays as [RelayProcess, ...RelayProcess[]];
    const result = await runLoadgen<TrafficResult>({
      kind: 'traffic',
      wsBase: first.wsBase,
      roomPaths,
      ...(instances > 1 ? { socketBases: relays.map((r) => r.wsBase) } : {}),
      relayPid: first.pid,
      otherRelayPids: others.map((r) => r.pid),
      ...spec
    });
    ctx.log(`  ${label}: ${result.synced}/${result.sockets} synced, latency p99 ${ms(result.latencyMs.p99)}`);
    return result;
  } finally {
    await Promise.all(relays.map((r) => r.stop()));
    fs.rmSync(dataDir, { recursive: true, force: true });
    await dropPgSchema(DATABASE_URL, schema).catch((error: unknown) =>
      ctx.log(`  could not drop schema ${schema}: ${reason(error)}`)
    );
  }
}

/** Each relay instance of a run over the window: the main one first, then the others. */
function instancesOf(r: TrafficResult): Array<{ cpuPct: number; runDelayPct: number; end: RelaySample }> {
  return [{ cpuPct: r.relayCpuPct, runDelayPct: r.relayRunDelayPct, end: r.end }, ...r.otherRelays];
}

/** Rows per relay instance (B has two, A one) and the sum of both. */
function instanceRows(b: TrafficResult, a: TrafficResult): Row[] {
  const [bi, ai] = [instancesOf(b), instancesOf(a)];
  const rows: Row[] = [];
  const each = (
    metric: string,
    unit: string,
    digits: number,
    f: (i: (typeof bi)[number]) => number
  ): void => {
    bi.forEach((inst, k) =>
      rows.push({
        metric: `${metric}, instance ${k + 1}`,
        ours: f(inst),
        reference: ai[k] ? f(ai[k]) : null,
        unit,
        digits
      })
    );
  };
  const cpuPct = (r: TrafficResult): number => instancesOf(r).reduce((sum, i) => sum + i.cpuPct, 0);
  const cpuMsPerUpdate = (r: TrafficResult): number =>
    (cpuPct(r) * r.windowMs) / 100 / Math.max(1, r.sentUpdates);
  each('relay CPU during window', '% of a core', 0, (i) => i.cpuPct);
  rows.push(
    {
      metric: 'relay CPU during window, all instances',
      ours: cpuPct(b),
      reference: cpuPct(a),
      unit: '% of a core',
      digits: 0
    },
    {
      metric: 'relay CPU time per update sent, all instances',
      ours: cpuMsPerUpdate(b),
      reference: cpuMsPerUpdate(a),
      unit: 'ms',
      digits: 3
    }
  );
  each('relay waited for a CPU (machine noise)', '% of window', 0, (i) => i.runDelayPct);
  each('relay RSS at end of window', 'MiB', 1, (i) => MiB(i.end.rssKiB));
  return rows;
}

export const redis2x: Case = async (ctx) => {
  const started = Date.now();
  const rooms = ctx.quick ? 100 : 200;
  const title = `Two relay instances over Redis vs one: ${rooms} rooms × 5 sockets, 1 update/s per room, awareness every 5 s per socket`;
  const down = await servicesDown();
  if (down) {
    ctx.log(`  skipped: ${down}`);
    const seconds = (Date.now() - started) / 1000;
    return { id: 'redis-2x', title, seconds, rows: [], notes: [], skipped: down } satisfies CaseReport;
  }
  const spec: Spec = {
    socketsPerRoom: 5,
    connectConcurrency: 100,
    updatesPerSecond: rooms,
    awarenessIntervalMs: 5000,
    initialAwareness: true,
    settleMs: 0,
    warmupMs: ctx.quick ? 2000 : 3000,
    durationMs: ctx.quick ? 8000 : 20_000,
    drainMs: 1000,
    seed: ctx.seed
  };
  const a = await runScaled(ctx, 1, rooms, spec);
  const b = await runScaled(ctx, 2, rooms, spec);
  const both = { ours: b, reference: a };
  const added = b.latencyMs.p99 - a.latencyMs.p99;
  const common = commonRows(both).filter((row) => !/^(relay |… )/.test(row.metric));
  const at = (metric: string): number => common.findIndex((row) => row.metric === metric) + 1;
  const crossShare = (r: TrafficResult): number =>
    (100 * r.crossLatencyMs.count) / Math.max(1, r.latencyMs.count);
  const rows: Row[] = [
    ...common.slice(0, at('end-to-end latency p99')),
    {
      metric: 'added p99 (B − A)',
      ours: added,
      reference: null,
      unit: 'ms',
      digits: 2,
      target: `≤ ${ADDED_P99_TARGET_MS} ms`,
      met: added <= ADDED_P99_TARGET_MS
    },
    ...common.slice(at('end-to-end latency p99'), at('deliveries arrived / expected')),
    { metric: 'deliveries that crossed instances', ...pick(both, crossShare), unit: '%', digits: 1 },
    { metric: '… their latency p99', ours: b.crossLatencyMs.p99, reference: null, unit: 'ms', digits: 2 },
    {
      metric: 'awareness messages received per client per s',
      ...pick(both, (r) => perClientPerSecond(r.received.awareness, r)),
      unit: '',
      digits: 2
    },
    ...instanceRows(b, a),
    ...common.slice(at('deliveries arrived / expected'))
  ];
  const notes = [
    `A runs first, then B, each with a fresh PostgreSQL schema and fresh rooms (${shown(DATABASE_URL)}, ` +
      `Redis ${shown(REDIS_URL)}). In B, socket i of every room connects to instance (i mod 2) + 1.`,
    PIN.relay === null
      ? 'Not pinned: relays and generator share all cores.'
      : `Pinning: every relay on core ${PIN.relay} (in B both instances share it), the generator on core ` +
        `${PIN.loadgen}; PostgreSQL and Redis are not pinned. B's latency includes the two relays competing ` +
        'for one core.',
    ...healthNotes(both, rooms, LABELS, 'instance 1'),
    ...instancesOf(b)
      .slice(1)
      .map((i, k) => relayWaitNote(`${LABELS.ours}: instance ${k + 2}`, i.runDelayPct, i.cpuPct))
      .filter((note): note is string => note !== null),
    ...(['reference', 'ours'] as const)
      .filter((k) => both[k].latencyMs.count < both[k].expectedDeliveries)
      .map(
        (k) =>
          `${LABELS[k]}: ${both[k].expectedDeliveries - both[k].latencyMs.count} of ` +
          `${both[k].expectedDeliveries} deliveries did not arrive within the window plus 1 s drain`
      )
  ];
  return {
    id: 'redis-2x',
    title,
    seconds: (Date.now() - started) / 1000,
    columns: [LABELS.ours, LABELS.reference, 'B / A'],
    rows,
    notes
  } satisfies CaseReport;
};
