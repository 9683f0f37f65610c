// The fan-out contract between relay instances that share one database: a message bus with one channel per
// document. Messages carry the sending instance's id so an instance ignores its own. Delivery is best
// effort (Redis pub/sub); `onResync` tells the caller when messages may have been lost (a reconnect), so it
// can catch up from storage and from the other instances.

/**
 * `update`: a document update a peer sent to the publishing instance (the publisher persists it).
 * `awareness`: an awareness update. `saved`: the publisher's durable state vector after a commit.
 * `sync-request`: the publisher's state vector; instances holding the document answer with `sync-reply`.
 * `owners`: client-id bindings (owners.ts), published before the update they cover and before a sync-reply.
 * `deleted`: the room of this document was deleted (room-delete.ts): drop it unwritten, close its sockets.
 */
export type FanoutKind =
  'update' | 'awareness' | 'saved' | 'sync-request' | 'sync-reply' | 'owners' | 'deleted';
/** The order is the wire's kind byte (redis.ts): new kinds go at the end. */
export const FANOUT_KINDS: readonly FanoutKind[] = [
  'update',
  'awareness',
  'saved',
  'sync-request',
  'sync-reply',
  'owners',
  'deleted'
];

export interface FanoutMessage {
  kind: FanoutKind;
  /** Instance id (hex) of the sender; never this instance's own. */
  from: string;
  payload: Uint8Array;
}

export type FanoutHandler = (message: FanoutMessage) => void;

export interface Fanout {
  /** Random per process start, hex. */
  readonly instanceId: string;
  /** False for the local no-op bus: there is nobody to talk to. */
  readonly distributed: boolean;
  /** Fire and forget; failures are logged (a later resync makes up for them). */
  publish(docName: string, kind: FanoutKind, payload: Uint8Array): void;
  /** Resolves once messages for `docName` reach `handler` (one handler per document). */
  subscribe(docName: string, handler: FanoutHandler): Promise<void>;
  unsubscribe(docName: string): Promise<void>;
  /** Called after a reconnect, once every subscription is active again: messages may have been missed. */
  onResync(listener: () => void): void;
  close(): Promise<void>;
}
