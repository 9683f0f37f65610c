// The traffic task of the load generator: connect many simulated clients to many rooms, let them send
// updates and awareness at fixed total rates through a warm-up and a measurement window, and measure
// end-to-end latency (send → arrival at every other client of the room), message counts by kind, and
// the relay's RSS and CPU time around the window. The generator's own CPU use and event-loop delay are
// reported too, so a reader can tell when the generator, not the relay, was the limit.

import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { emptyCounts, SimClient, type ClientSink } from './sim-client';
import { runDelayMs, Samples, sampleProcess, shuffle } from './stats';
import type { RelaySample, TrafficResult, TrafficTask } from './tasks';
import { firstStructId } from './wire';
import { mulberry32 } from '../tests/helpers/random';

const TICK_MS = 5;
const CONNECT_TIMEOUT_MS = 30_000;
/** Keys of the send-time table: bench client ids stay far below 2^53 / 1e6. */
const key = (client: number, clock: number): number => client * 1e6 + clock;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function timeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>(
    (_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms))
  );
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
}

export async function runTraffic(task: TrafficTask): Promise<TrafficResult> {
  const random = mulberry32(task.seed);
  const sendTimes = new Map<number, number>();
  const latency = new Samples();
  const crossLatency = new Samples();
  /** Client id → index of the relay base it connected to. */
  const baseOf = new Map<number, number>();
  const failures: string[] = [];
  const sink: ClientSink = {
    counting: false,
    received: emptyCounts(),
    onUpdate(receiver, update, at) {
      const id = firstStructId(update);
      if (!id) {
        if (sink.counting) sink.received.other++;
        return;
      }
      if (id.client === receiver.id) {
        if (sink.counting) sink.received.updateEchoes++;
        return;
      }
      if (sink.counting) sink.received.updates++;
      const sentAt = sendTimes.get(key(id.client, id.clock));
      if (sentAt === undefined) return;
      latency.push(at - sentAt);
      if (baseOf.get(id.client) !== baseOf.get(receiver.id)) crossLatency.push(at - sentAt);
    },
    onLost(client, reason) {
      if (failures.length < 20) failures.push(`client ${client.id}: ${reason}`);
    }
  };

  const before = sampleProcess(task.relayPid);
  const bases = task.socketBases ?? [task.wsBase];
  const otherPids = task.otherRelayPids ?? [];
  const specs = task.roomPaths.flatMap((path, room) =>
    Array.from({ length: task.socketsPerRoom }, (_, i) => ({
      url: (bases[i % bases.length] as string) + path,
      base: i % bases.length,
      room,
      slot: i
    }))
  );
  // Join in waves across rooms (every room's first socket, then every room's second, …).
  specs.sort((a, b) => a.slot - b.slot || a.room - b.room);
  const active: SimClient[] = [];
  const roomOf = new Map<SimClient, number>();
  const roomSize = new Array<number>(task.roomPaths.length).fill(0);
  const connectStart = performance.now();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < specs.length) {
      const spec = specs[next++];
      if (!spec) return;
      const client = new SimClient(spec.url, next, sink);
      baseOf.set(client.id, spec.base);
      try {
        await timeout(client.whenSynced(), CONNECT_TIMEOUT_MS, 'not synced in time');
        active.push(client);
        roomOf.set(client, spec.room);
        roomSize[spec.room] = (roomSize[spec.room] ?? 0) + 1;
        if (task.initialAwareness) client.sendAwareness(awarenessState(client.id, 0));
      } catch (error) {
        client.close();
        if (failures.length < 20) failures.push(`client ${client.id}: ${(error as Error).message}`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, task.connectConcurrency) }, worker));
  const connectMs = performance.now() - connectStart;
  const afterConnect = sampleProcess(task.relayPid);
  if (task.settleMs > 0) await sleep(task.settleMs);
  const settled = task.settleMs > 0 ? sampleProcess(task.relayPid) : afterConnect;

  const updateOrder = shuffle(active, random);
  const awarenessOrder = shuffle(active, random);
  const awarenessRate = task.awarenessIntervalMs > 0 ? (active.length * 1000) / task.awarenessIntervalMs : 0;
  let sentUpdates = 0;
  let sentAwareness = 0;
  let expectedDeliveries = 0;
  let windowStartSample: RelaySample = settled;
  let othersAtStart: RelaySample[] = otherPids.map(sampleProcess);
  let windowStartCpu = process.cpuUsage();
  let windowStartWait = runDelayMs('self');
  let windowStartedAt = NaN;
  const loopDelay = monitorEventLoopDelay({ resolution: 5 });

  await new Promise<void>((resolve) => {
    const startedAt = performance.now();
    const windowAt = startedAt + task.warmupMs;
    const endAt = windowAt + task.durationMs;
    let last = startedAt;
    let updateCredit = 0;
    let awarenessCredit = 0;
    let u = 0;
    let a = 0;
    const timer = setInterval(() => {
      const now = performance.now();
      if (now >= endAt) {
        clearInterval(timer);
        resolve();
        return;
      }
      if (!sink.counting && now >= windowAt) {
        sink.counting = true;
        windowStartedAt = now;
        windowStartSample = sampleProcess(task.relayPid);
        othersAtStart = otherPids.map(sampleProcess);
        windowStartCpu = process.cpuUsage();
        windowStartWait = runDelayMs('self');
        loopDelay.enable();
      }
      const dt = (now - last) / 1000;
      last = now;
      if (active.length === 0) return;
      updateCredit += task.updatesPerSecond * dt;
      awarenessCredit += awarenessRate * dt;
      for (; updateCredit >= 1; updateCredit--) {
        const client = updateOrder[u++ % updateOrder.length] as SimClient;
        const sentAt = performance.now();
        const clock = client.sendUpdate(`Idee ${u}: mehr Sitzbänke und Schatten am Marktplatz, bitte!`);
        if (!sink.counting) continue;
        sendTimes.set(key(client.id, clock), sentAt);
        sentUpdates++;
        expectedDeliveries += (roomSize[roomOf.get(client) ?? -1] ?? 1) - 1;
      }
      for (; awarenessCredit >= 1; awarenessCredit--) {
        const client = awarenessOrder[a++ % awarenessOrder.length] as SimClient;
        client.sendAwareness(awarenessState(client.id, a));
        if (sink.counting) sentAwareness++;
      }
    }, TICK_MS);
  });

  const windowMs = performance.now() - windowStartedAt;
  const end = sampleProcess(task.relayPid);
  const othersAtEnd = otherPids.map(sampleProcess);
  const cpu = process.cpuUsage(windowStartCpu);
  const waited = runDelayMs('self') - windowStartWait;
  loopDelay.disable();
  sink.counting = false;
  const received = { ...sink.received };
  await sleep(task.drainMs); // deliveries of the window's last sends still count for latency
  for (const client of active) client.close();

  return {
    sockets: specs.length,
    synced: active.length,
    failures,
    connectMs,
    before,
    afterConnect,
    settled,
    end,
    windowMs,
    relayCpuPct: ((end.cpuMs - windowStartSample.cpuMs) / windowMs) * 100,
    relayRunDelayPct: ((end.runDelayMs - windowStartSample.runDelayMs) / windowMs) * 100,
    loadgenCpuPct: ((cpu.user + cpu.system) / 1000 / windowMs) * 100,
    loadgenLoopDelayP99Ms: loopDelay.count > 0 ? loopDelay.percentile(99) / 1e6 : 0,
    loadgenRunDelayPct: (waited / windowMs) * 100,
    sentUpdates,
    sentAwareness,
    received,
    latencyMs: latency.summary(),
    crossLatencyMs: crossLatency.summary(),
    expectedDeliveries,
    otherRelays: othersAtEnd.map((sample, i) => {
      const start = othersAtStart[i] as RelaySample;
      return {
        pid: otherPids[i] as number,
        cpuPct: ((sample.cpuMs - start.cpuMs) / windowMs) * 100,
        runDelayPct: ((sample.runDelayMs - start.runDelayMs) / windowMs) * 100,
        end: sample
      };
    })
  };
}

/** A participant's presence: name, colour and the table they look at (about 90 bytes of JSON). */
function awarenessState(id: number, n: number): unknown {
  return { user: { name: `Teilnehmende ${id}`, color: '#2a9d8f' }, table: `t${id % 12}`, seq: n };
}
