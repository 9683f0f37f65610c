// An in-memory fan-out bus for tests: every `join()` is one relay instance's Fanout; messages reach the other
// members asynchronously (like Redis pub/sub). A member can be cut off (its messages and those meant for it
// are dropped, as when a Redis connection dies) and reconnected, which fires its resync listeners.

import crypto from 'node:crypto';
import type { Fanout, FanoutHandler, FanoutKind } from '../../sync-server/src/fanout/types';

export interface MemberFanout extends Fanout {
  cut(): void;
  reconnect(): void;
  /** Messages this member published, by kind. */
  readonly sent: Map<FanoutKind, number>;
}

interface Member {
  fanout: MemberFanout;
  handlers: Map<string, FanoutHandler>;
  connected: boolean;
}

export function createMemoryBus(): { join(): MemberFanout } {
  const members = new Set<Member>();
  return {
    join() {
      const instanceId = crypto.randomBytes(8).toString('hex');
      const handlers = new Map<string, FanoutHandler>();
      const resync: Array<() => void> = [];
      const sent = new Map<FanoutKind, number>();
      const member: Member = {
        handlers,
        connected: true,
        fanout: {
          instanceId,
          distributed: true,
          sent,
          publish(docName, kind, payload) {
            if (!member.connected) return;
            sent.set(kind, (sent.get(kind) ?? 0) + 1);
            const copy = payload.slice();
            for (const other of members) {
              if (other === member) continue;
              setImmediate(() => {
                if (other.connected) other.handlers.get(docName)?.({ kind, from: instanceId, payload: copy });
              });
            }
          },
          async subscribe(docName, handler) {
            handlers.set(docName, handler);
          },
          async unsubscribe(docName) {
            handlers.delete(docName);
          },
          onResync(listener) {
            resync.push(listener);
          },
          async close() {
            members.delete(member);
          },
          cut() {
            member.connected = false;
          },
          reconnect() {
            member.connected = true;
            resync.forEach((listener) => listener());
          }
        }
      };
      members.add(member);
      return member.fanout;
    }
  };
}
