// Load-generator tasks around big documents: `populate` writes a board of ideas (nested Y.Maps with text)
// into a room through one socket and proves the relay holds it (its step 2 for an empty state vector is
// as big as the document); `storm` opens many sockets at once and times until each has its step 2.

import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import { emptyCounts, SimClient, type ClientSink } from './sim-client';
import { percentiles, sampleProcess } from './stats';
import type { PopulateResult, PopulateTask, StormResult, StormTask } from './tasks';
import { encodeEmptySyncStep1 } from './wire';
import { mulberry32 } from '../tests/helpers/random';

const POPULATE_CLIENT_ID = 900_000_000;
const POPULATE_MESSAGES_PER_S = 50;
const POPULATE_BYTES_PER_S = 512 * 1024;
const WORDS = ['Radweg', 'Gemeinschaftsgarten', 'Repair-Café', 'Bürgerbus', 'Solardach', 'Tauschregal'];

function quietSink(failures: string[]): ClientSink {
  return {
    counting: false,
    received: emptyCounts(),
    onUpdate: () => undefined,
    onLost: (client, reason) => void (failures.length < 20 && failures.push(`client ${client.id}: ${reason}`))
  };
}

function ideaText(random: () => number, chars: number): string {
  let text = '';
  while (text.length < chars) text += `${WORDS[Math.floor(random() * WORDS.length)]} `;
  return text.slice(0, chars);
}

export async function runPopulate(task: PopulateTask): Promise<PopulateResult> {
  const started = performance.now();
  const random = mulberry32(task.seed);
  const failures: string[] = [];
  const client = new SimClient(task.wsBase + task.path, POPULATE_CLIENT_ID, quietSink(failures), new Y.Doc());
  await client.whenSynced();
  const ideas = client.doc.getMap<Y.Map<unknown>>('ideas');
  let items = 0;
  let updates = 0;
  let bytes = 0;
  const more = (): boolean => (task.items > 0 ? items < task.items : bytes < task.targetBytes);
  while (more()) {
    bytes += client.sendTransaction(() => {
      for (let i = 0; i < task.itemsPerUpdate && more(); i++, items++) {
        const idea = new Y.Map<unknown>();
        idea.set('text', ideaText(random, task.textChars));
        idea.set('table', `t${items % 12}`);
        idea.set('author', `p${Math.floor(random() * 300)}`);
        idea.set('createdAt', 1_760_000_000_000 + items);
        ideas.set(`i${items}`, idea);
      }
    });
    updates++;
    // Stay well inside our relay's per-connection rate limits (100 messages/s, 1 MiB/s by default): a
    // writer that exceeds them gets messages dropped, which the size check below would catch.
    const due = Math.max(updates / POPULATE_MESSAGES_PER_S, bytes / POPULATE_BYTES_PER_S) * 1000;
    const wait = due - (performance.now() - started);
    await new Promise((resolve) => (wait > 0 ? setTimeout(resolve, wait) : setImmediate(resolve)));
  }
  // Barrier: the relay answers in order, so this step 2 comes after every update above was applied.
  const step2 = client.nextStep2();
  client.send(encodeEmptySyncStep1());
  const relayStep2Bytes = await step2;
  client.close();
  if (failures.length > 0) throw new Error(`populate lost its socket: ${failures.join('; ')}`);
  const docBytes = Y.encodeStateAsUpdate(client.doc).byteLength;
  if (relayStep2Bytes < docBytes * 0.95) {
    throw new Error(`relay holds ${relayStep2Bytes} bytes, the populated document has ${docBytes}`);
  }
  return { items, updates, docBytes, relayStep2Bytes, ms: performance.now() - started };
}

export async function runStorm(task: StormTask): Promise<StormResult> {
  const failures: string[] = [];
  const sink = quietSink(failures);
  const holder = task.preload ? new SimClient(task.wsBase + task.path, task.sockets + 1, sink) : null;
  if (holder) await holder.whenSynced();
  const before = sampleProcess(task.relayPid);
  const started = performance.now();
  const clients = Array.from(
    { length: task.sockets },
    (_, i) => new SimClient(task.wsBase + task.path, i + 1, sink)
  );
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, task.timeoutMs)));
  const all = Promise.all(
    clients.map((c) =>
      c.whenSynced().catch((error: Error) => {
        if (failures.length < 20) failures.push(`client ${c.id}: ${error.message}`);
      })
    )
  );
  await Promise.race([all, deadline]);
  clearTimeout(timer);
  const end = sampleProcess(task.relayPid);
  const synced = clients.filter((c) => !Number.isNaN(c.syncedAt));
  if (synced.length < clients.length && failures.length === 0) {
    failures.push(`${clients.length - synced.length} sockets not synced after ${task.timeoutMs} ms`);
  }
  const minStep2Bytes = synced.reduce((min, c) => Math.min(min, c.step2Bytes), Infinity);
  if (synced.length > 0 && minStep2Bytes < task.minStep2Bytes) {
    failures.push(`a step 2 had ${minStep2Bytes} bytes, expected at least ${task.minStep2Bytes}`);
  }
  for (const c of clients) c.close();
  holder?.close();
  return {
    sockets: clients.length,
    synced: synced.length,
    failures,
    allSyncedMs: synced.length === 0 ? NaN : Math.max(...synced.map((c) => c.syncedAt)) - started,
    perSocketMs: percentiles(synced.map((c) => c.syncedAt - c.startedAt)),
    minStep2Bytes: synced.length === 0 ? 0 : minStep2Bytes,
    before,
    end
  };
}
