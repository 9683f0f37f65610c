// The contract between the bench orchestrator (run.ts) and the load generator process (loadgen.ts): one
// task goes in over the IPC channel, one result comes back. Plain JSON, no classes, so both sides agree
// on shapes at compile time and nothing else crosses the process boundary.

export interface Percentiles {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

/** Many sockets in many rooms: connect, optionally send updates and awareness, measure. */
export interface TrafficTask {
  kind: 'traffic';
  /** ws://127.0.0.1:<port> */
  wsBase: string;
  /** One path (with query) per room, e.g. `/sync/<roomId>?token=…`. */
  roomPaths: string[];
  socketsPerRoom: number;
  /** Several relay instances: socket i of every room connects to `socketBases[i % length]`, not wsBase. */
  socketBases?: string[];
  relayPid: number;
  /** Further relay processes (other instances) whose CPU, run-queue wait and RSS are sampled like relayPid's. */
  otherRelayPids?: number[];
  connectConcurrency: number;
  /** Total update rate across all sockets (round-robin over a shuffled order). 0 = none. */
  updatesPerSecond: number;
  /** Every socket sends an awareness update this often. 0 = none. */
  awarenessIntervalMs: number;
  /** Every socket announces one awareness state right after it synced (as a real client does). */
  initialAwareness: boolean;
  /** After connecting: wait this long, then read the relay's RSS (memory case). */
  settleMs: number;
  warmupMs: number;
  durationMs: number;
  /** After the window: keep receiving this long so late deliveries still count. */
  drainMs: number;
  seed: number;
}

export interface ReceivedCounts {
  /** Sync update messages from other sockets. */
  updates: number;
  /** Sync update messages that carried the receiver's own update back (reference relay echoes). */
  updateEchoes: number;
  /** Awareness messages listing at least one client. */
  awareness: number;
  /** Client entries inside those awareness messages. */
  awarenessEntries: number;
  /** Awareness messages listing zero clients (our relay's keepalive). */
  keepalive: number;
  /** Our relay's "saved" acknowledgements (type 100; only with ack=1). */
  saved: number;
  other: number;
  bytes: number;
}

export interface RelaySample {
  rssKiB: number;
  hwmKiB: number;
  /** utime + stime in ms. */
  cpuMs: number;
  /** Time the main thread was runnable but waiting for a CPU (schedstat run delay), in ms. */
  runDelayMs: number;
}

export interface TrafficResult {
  sockets: number;
  synced: number;
  failures: string[];
  connectMs: number;
  before: RelaySample;
  afterConnect: RelaySample;
  /** After settleMs (equals afterConnect when settleMs is 0). */
  settled: RelaySample;
  end: RelaySample;
  windowMs: number;
  relayCpuPct: number;
  /** Share of the window the relay's main thread waited for a CPU (other processes on its core). */
  relayRunDelayPct: number;
  loadgenCpuPct: number;
  loadgenLoopDelayP99Ms: number;
  /** Share of the window the generator's main thread waited for a CPU (other processes on its core). */
  loadgenRunDelayPct: number;
  sentUpdates: number;
  sentAwareness: number;
  received: ReceivedCounts;
  /** One sample per (update sent in the window, other socket in the room) that arrived. */
  latencyMs: Percentiles;
  /** The samples among those whose sender and receiver were on different socketBases (count 0 with one). */
  crossLatencyMs: Percentiles;
  expectedDeliveries: number;
  /** One entry per otherRelayPids, in that order. */
  otherRelays: RelayWindow[];
}

/** A relay process over the measurement window. */
export interface RelayWindow {
  pid: number;
  cpuPct: number;
  runDelayPct: number;
  end: RelaySample;
}

/** Writes a document of a given size or item count into one room through one socket. */
export interface PopulateTask {
  kind: 'populate';
  wsBase: string;
  path: string;
  /** Add items until the encoded document is at least this big … */
  targetBytes: number;
  /** … or until this many items exist (whichever is given; 0 = unused). */
  items: number;
  textChars: number;
  itemsPerUpdate: number;
  seed: number;
}

export interface PopulateResult {
  items: number;
  updates: number;
  docBytes: number;
  /** Size of the relay's sync step 2 answering an empty state vector after writing (proves it holds it). */
  relayStep2Bytes: number;
  ms: number;
}

/** Many sockets join one room at once; each counts as synced when its sync step 2 arrived. */
export interface StormTask {
  kind: 'storm';
  wsBase: string;
  path: string;
  sockets: number;
  relayPid: number;
  /** A socket's step 2 must be at least this big (the document is really delivered). */
  minStep2Bytes: number;
  timeoutMs: number;
  /** First open one more socket and wait until it synced, so the measured ones join a loaded document. */
  preload?: boolean;
}

export interface StormResult {
  sockets: number;
  synced: number;
  failures: string[];
  /** From the first connect call until the last socket synced. */
  allSyncedMs: number;
  perSocketMs: Percentiles;
  minStep2Bytes: number;
  before: RelaySample;
  end: RelaySample;
}

export type Task = TrafficTask | PopulateTask | StormTask;
export type TaskResult = TrafficResult | PopulateResult | StormResult;

export type LoadgenMessage = { ok: true; result: TaskResult } | { ok: false; error: string };
