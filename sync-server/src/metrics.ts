// Prometheus metrics of one relay instance, on a Registry of its own (never prom-client's global one), so
// two relays in one process (tests) keep separate counts and never clash over metric names.

import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export type RefusalReason =
  | 'bad_path'
  | 'token_missing'
  | 'room_not_found'
  | 'room_deleted'
  | 'token_invalid'
  | 'token_expired'
  | 'token_revoked'
  | 'session_expired'
  | 'facilitators_only'
  | 'sealed_own_only'
  | 'participant_id_required'
  | 'shutting_down'
  | 'internal_error';

/** A counter bumped for every message sent or received: a plain number, handed to prom-client at scrape. */
export interface HotCounter {
  inc(value?: number): void;
}

function hotCounter(name: string, help: string, registers: Registry[]): HotCounter {
  let pending = 0;
  new Counter({
    name,
    help,
    registers,
    collect() {
      if (pending > 0) this.inc(pending);
      pending = 0;
    }
  });
  return {
    inc(value = 1) {
      pending += value;
    }
  };
}

/** A hot counter with one label: a plain number per label value, handed to prom-client at scrape. */
export interface HotLabeledCounter<L extends string> {
  inc(labels: Record<L, string>, value?: number): void;
}

function hotLabeledCounter<L extends string>(
  name: string,
  help: string,
  label: L,
  registers: Registry[]
): HotLabeledCounter<L> {
  const pending = new Map<string, number>();
  new Counter({
    name,
    help,
    labelNames: [label],
    registers,
    collect() {
      for (const [value, count] of pending) this.inc({ [label]: value } as Record<L, string>, count);
      pending.clear();
    }
  });
  return {
    inc(labels, value = 1) {
      const key = labels[label];
      pending.set(key, (pending.get(key) ?? 0) + value);
    }
  };
}

export interface RelayMetrics {
  registry: Registry;
  connections: Gauge<'role'>;
  roomsLoaded: Gauge;
  messagesIn: HotLabeledCounter<'type'>;
  messagesOut: HotCounter;
  bytesIn: HotCounter;
  bytesOut: HotCounter;
  droppedWrites: Counter<'reason'>;
  storageWriteSeconds: Histogram;
  storageErrors: Counter;
  compactions: Counter;
  refusals: Counter<'reason'>;
  closes: Counter<'code'>;
  /** From receiving a document update to having handed it to every local socket. */
  fanoutSeconds: Histogram;
  /** Messages refused (their socket closed): malformed, too large, too complex. */
  messagesRefused: Counter<'reason'>;
  /** Messages or state dropped without closing: rate limits, pending structs. */
  messagesDropped: Counter<'reason'>;
  awarenessBatches: Counter;
  awarenessBatchedUpdates: Counter;
  roomReloads: Counter;
}

export function createMetrics(options: { defaultMetrics?: boolean } = {}): RelayMetrics {
  const registry = new Registry();
  if (options.defaultMetrics) collectDefaultMetrics({ register: registry, prefix: 'relay_process_' });
  const registers = [registry];
  return {
    registry,
    connections: new Gauge({
      name: 'relay_connections',
      help: 'Open WebSocket connections by role',
      labelNames: ['role'],
      registers
    }),
    roomsLoaded: new Gauge({ name: 'relay_rooms_loaded', help: 'Documents loaded in memory', registers }),
    messagesIn: hotLabeledCounter(
      'relay_messages_in_total',
      'WebSocket messages received, by protocol message type',
      'type',
      registers
    ),
    messagesOut: hotCounter('relay_messages_out_total', 'WebSocket messages sent', registers),
    bytesIn: hotCounter('relay_bytes_in_total', 'WebSocket payload bytes received', registers),
    bytesOut: hotCounter('relay_bytes_out_total', 'WebSocket payload bytes sent', registers),
    droppedWrites: new Counter({
      name: 'relay_dropped_writes_total',
      help: 'Document writes dropped because the role may not write that document',
      labelNames: ['reason'],
      registers
    }),
    storageWriteSeconds: new Histogram({
      name: 'relay_storage_write_seconds',
      help: 'Duration of one grouped, durable update transaction',
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers
    }),
    storageErrors: new Counter({
      name: 'relay_storage_errors_total',
      help: 'Failed storage writes',
      registers
    }),
    compactions: new Counter({ name: 'relay_compactions_total', help: 'Update logs compacted', registers }),
    refusals: new Counter({
      name: 'relay_refusals_total',
      help: 'WebSocket upgrades refused, by reason',
      labelNames: ['reason'],
      registers
    }),
    closes: new Counter({
      name: 'relay_closes_total',
      help: 'Sockets closed by the relay, by close code',
      labelNames: ['code'],
      registers
    }),
    fanoutSeconds: new Histogram({
      name: 'relay_fanout_seconds',
      help: 'From receiving a document update to having written it to every local socket',
      buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers
    }),
    messagesRefused: new Counter({
      name: 'relay_messages_refused_total',
      help: 'Messages refused, closing their socket, by reason',
      labelNames: ['reason'],
      registers
    }),
    messagesDropped: new Counter({
      name: 'relay_messages_dropped_total',
      help: 'Messages (or pending document state) dropped without closing the socket, by reason',
      labelNames: ['reason'],
      registers
    }),
    awarenessBatches: new Counter({
      name: 'relay_awareness_batches_total',
      help: 'Merged awareness messages sent to the peers of a document',
      registers
    }),
    awarenessBatchedUpdates: new Counter({
      name: 'relay_awareness_batched_updates_total',
      help: 'Awareness updates merged into those batches',
      registers
    }),
    roomReloads: new Counter({
      name: 'relay_room_reloads_total',
      help: 'Documents reloaded from storage after an update failed midway',
      registers
    })
  };
}
