// The CLI's connection to a conference over the running relay, exactly as a device connects: a join link
// parsed into its room, token and the relay's WebSocket base; the conference's documents (shared and
// control, and plans and facilitators when asked for) synced over y-websocket with `ack=1`; and `saved()`,
// which resolves once the relay confirmed it stored everything this client sent (message 102). Used by
// every `npm run room --` command that is a client of the relay (room-client, room-export, room-file).

import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import {
  createConferenceDocs,
  createFacilitatorsDoc,
  createPlansDoc,
  destroyConferenceDocs,
  type ConferenceDocs
} from '../src/lib/doc';
import { parseJoinInput, type JoinTarget } from '../src/lib/model';
import { MESSAGE_SAVE_REQUEST } from '../src/lib/model/wire';

const TIMEOUT_MS = Number(process.env.ROOM_CLIENT_TIMEOUT_MS ?? 20_000);

export class UsageError extends Error {}

export interface Link {
  target: JoinTarget;
  wsBase: string;
}

export function parseLink(text: string | undefined): Link {
  const parsed = parseJoinInput(text ?? '');
  if (!parsed.ok) throw new UsageError(`not a join link (${parsed.error})`);
  let origin: URL;
  try {
    origin = new URL(text!.trim());
  } catch {
    throw new UsageError('the link must be a full address (http://… or https://…)');
  }
  const base = origin.pathname.replace(/\/join\/.*$/, '');
  return { target: parsed.value, wsBase: `${origin.origin.replace(/^http/, 'ws')}${base}/sync` };
}

export interface Connected {
  docs: ConferenceDocs;
  /** The plans and facilitators documents, when asked for (`connect(link, { plans, facilitators })`). */
  plans: Y.Doc | null;
  facilitators: Y.Doc | null;
  providers: WebsocketProvider[];
  /** Resolves once the relay stored everything this client sent on every socket. */
  saved(): Promise<void>;
  close(): void;
}

/** Connects the conference's documents (shared, control, and the others asked for) and waits for their first sync. */
export async function connect(
  link: Link,
  more: { plans?: boolean; facilitators?: boolean } = {}
): Promise<Connected> {
  const { roomId, token } = link.target;
  const docs = createConferenceDocs(roomId);
  const plans = more.plans ? createPlansDoc(roomId) : null;
  const facilitators = more.facilitators ? createFacilitatorsDoc(roomId) : null;
  const answers = new Map<WebsocketProvider, () => void>();
  const open = (doc: Y.Doc, room: string) => {
    const provider = new WebsocketProvider(link.wsBase, room, doc, {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      params: { token, ack: '1' },
      disableBc: true
    });
    provider.messageHandlers[MESSAGE_SAVE_REQUEST] = () => {
      answers.get(provider)?.();
      answers.delete(provider);
    };
    return provider;
  };
  const providers = [open(docs.shared, roomId), open(docs.control, `${roomId}/control`)];
  if (plans) providers.push(open(plans, `${roomId}/plans`));
  if (facilitators) providers.push(open(facilitators, `${roomId}/facilitators`));
  const close = () => {
    for (const p of providers) p.destroy();
    destroyConferenceDocs(docs);
    plans?.destroy();
    facilitators?.destroy();
  };
  const synced = Promise.all(
    providers.map((p) => new Promise<void>((resolve) => p.once('sync', () => resolve())))
  );
  const ok = await withTimeout(synced, 'no sync with the relay');
  if (!ok) {
    close();
    throw new Error(`could not reach the conference at ${link.wsBase} within ${TIMEOUT_MS / 1000} s`);
  }
  return {
    docs,
    plans,
    facilitators,
    providers,
    async saved() {
      const waits = providers.map(
        (p) =>
          new Promise<void>((resolve) => {
            answers.set(p, resolve);
            const enc = encoding.createEncoder();
            encoding.writeVarUint(enc, MESSAGE_SAVE_REQUEST);
            p.ws?.send(encoding.toUint8Array(enc));
          })
      );
      if (!(await withTimeout(Promise.all(waits), 'save')))
        throw new Error('the relay did not confirm saving');
    },
    close
  };
}

export async function withTimeout<T>(promise: Promise<T>, _what: string): Promise<T | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), TIMEOUT_MS)));
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
