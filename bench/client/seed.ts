// Seeds a conference through the relay the way a device would: a stock y-websocket client (Node's ws) with
// the facilitator's link writes the control document (info, tables) through lib/doc's commands, and a
// client writes ideas into the shared document in batches, each batch one transaction, waiting for the
// relay's "saved" before the next (the relay's per-connection rate limits stay far away). IdeaStream
// then sends ideas (and edits and removals) at a steady rate, as other participants would.
import type * as Y from 'yjs';
import { addIdea, addTable, initConference, readIdeas, removeIdea, updateIdea } from '../../src/lib/doc';
import type { IdeaId, TableId } from '../../src/lib/model';
import { connectClient, type TestClient } from '../../tests/helpers/relay';
import type { BenchRoom, World } from './world';

export interface SeededConference {
  room: BenchRoom;
  title: string;
  /** Table titles in order and their ids. */
  tables: { id: TableId; title: string }[];
  /** The writers stay connected until close(). */
  control: TestClient;
  shared: TestClient;
  close(): void;
}

const BATCH = 250;

/** Idea text of a realistic length (about 90 characters), numbered. */
export function ideaText(n: number, prefix = 'Idee'): string {
  return `${prefix} ${n}: Mehr Sitzbänke und Schatten am Marktplatz, damit Ältere länger bleiben können.`;
}

/**
 * A conference titled `title` with the given tables; `ideas[i]` ideas are written to table i. Resolves
 * once the relay stored everything.
 */
export async function seedConference(
  world: World,
  title: string,
  tables: { title: string; question: string; ideas: number }[]
): Promise<SeededConference> {
  const room = await world.createRoom(title);
  const control = connectClient(world.wsUrl, room.roomId, room.tokens.facilitator, {
    control: true,
    ack: true
  });
  const shared = connectClient(world.wsUrl, room.roomId, room.tokens.facilitator, { ack: true });
  await Promise.all([control.whenSynced(10_000), shared.whenSynced(10_000)]);
  const init = initConference(control.doc, { title, region: 'Landkreis Bench', venue: 'Bürgersaal' });
  if (!init.ok) throw new Error(`initConference: ${init.error}`);
  const seeded: { id: TableId; title: string }[] = [];
  for (const table of tables) {
    const added = addTable(control.doc, { title: table.title, question: table.question });
    if (!added.ok) throw new Error(`addTable: ${added.error}`);
    seeded.push({ id: added.value, title: table.title });
  }
  await control.whenSaved(10_000);
  for (const [i, table] of tables.entries()) {
    const tableId = seeded[i]!.id;
    for (let done = 0; done < table.ideas; done += BATCH) {
      shared.doc.transact(() => {
        for (let n = done; n < Math.min(table.ideas, done + BATCH); n++) {
          const r = addIdea(shared.doc, { tableId, text: ideaText(n + 1), author: `Person ${n % 37}` });
          if (!r.ok) throw new Error(`addIdea: ${r.error}`);
        }
      });
      await shared.whenSaved(20_000);
    }
  }
  return {
    room,
    title,
    tables: seeded,
    control,
    shared,
    close() {
      control.destroy();
      shared.destroy();
    }
  };
}

/** Wall-clock milliseconds with sub-millisecond resolution (comparable with the page's timeOrigin + now). */
export const wallNow = (): number => performance.timeOrigin + performance.now();

/** A participant's client on the shared document that writes ideas on demand or at a steady rate. */
export class IdeaStream {
  readonly client: TestClient;
  #timer: ReturnType<typeof setInterval> | undefined;
  #sent = 0;
  #own: IdeaId[] = [];

  private constructor(client: TestClient) {
    this.client = client;
  }

  /** Participants may only remove and edit what they created: churn() over others' ideas needs 'facilitator'. */
  static async open(
    world: World,
    room: BenchRoom,
    role: 'participant' | 'facilitator' = 'participant'
  ): Promise<IdeaStream> {
    const client = connectClient(world.wsUrl, room.roomId, room.tokens[role], { ack: true });
    await client.whenSynced(10_000);
    return new IdeaStream(client);
  }

  get sent(): number {
    return this.#sent;
  }

  /** Adds one idea now; returns the wall-clock time it was handed to the socket. */
  add(tableId: TableId, text: string): number {
    const r = addIdea(this.client.doc, { tableId, text, author: 'Gast' });
    if (!r.ok) throw new Error(`addIdea: ${r.error}`);
    this.#own.push(r.value);
    this.#sent++;
    return wallNow();
  }

  /** `perSecond` ideas a second to `tableId` until stop(). */
  start(tableId: TableId, perSecond: number, prefix = 'Strom'): void {
    this.stop();
    this.#timer = setInterval(() => this.add(tableId, ideaText(this.#sent + 1, prefix)), 1000 / perSecond);
  }

  /**
   * A steady mix of updates to `tableId` that keeps its size: add an idea, remove the oldest of this
   * stream's ideas (or of `existing`), edit a random one; `perSecond` updates in all.
   */
  churn(tableId: TableId, existing: IdeaId[], perSecond: number, random: () => number): void {
    this.stop();
    const pool = [...existing];
    let step = 0;
    this.#timer = setInterval(() => {
      const kind = step++ % 3;
      if (kind === 0) {
        this.add(tableId, ideaText(this.#sent + 1, 'Neu'));
        pool.push(this.#own[this.#own.length - 1]!);
      } else if (kind === 1 && pool.length > 0) {
        removeIdea(this.client.doc, pool.shift()!);
      } else if (pool.length > 0) {
        const id = pool[Math.floor(random() * pool.length)]!;
        updateIdea(this.client.doc, id, { text: ideaText(step, 'Geändert') });
      }
    }, 1000 / perSecond);
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  close(): void {
    this.stop();
    this.client.destroy();
  }
}

/** Ids of every idea in a document (e.g. the seeding client's). */
export function ideaIdsOf(doc: Y.Doc): IdeaId[] {
  return readIdeas(doc).map((idea) => idea.id);
}
