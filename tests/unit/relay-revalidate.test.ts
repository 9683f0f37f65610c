import { describe, expect, it } from 'vitest';
import type { Connection } from '../../sync-server/src/connection';
import { revalidateConnections } from '../../sync-server/src/revalidate';
import type { LinkRecord } from '../../sync-server/src/storage/types';

interface FakeConnection {
  room: { roomId: string };
  tokenHash: string;
  closedWith: number | null;
  close(code: number): void;
}

function connection(roomId: string, tokenHash: string): FakeConnection {
  return {
    room: { roomId },
    tokenHash,
    closedWith: null,
    close(code) {
      this.closedWith = code;
    }
  };
}

function link(roomId: string, tokenHash: string, revokedAt: number | null): LinkRecord {
  return { roomId, tokenHash, role: 'participant', expiresAt: null, createdAt: 1, revokedAt, scope: null };
}

const asConnections = (list: FakeConnection[]): Connection[] => list as unknown as Connection[];

describe('revalidating open sockets', () => {
  it('looks each link up once and closes every socket of a revoked or missing link with 4403', async () => {
    const hall = Array.from({ length: 250 }, () => connection('room-a', 'hall'));
    const revoked = Array.from({ length: 3 }, () => connection('room-a', 'gone'));
    const other = [connection('room-b', 'hall'), connection('room-b', 'deleted')];
    const lookups: string[] = [];
    const storage = {
      async findLink(roomId: string, tokenHash: string) {
        lookups.push(`${roomId}/${tokenHash}`);
        if (tokenHash === 'deleted') return null;
        return link(roomId, tokenHash, tokenHash === 'gone' ? 5 : null);
      }
    };
    const closed = await revalidateConnections(asConnections([...hall, ...revoked, ...other]), storage);
    expect(lookups.sort()).toEqual(['room-a/gone', 'room-a/hall', 'room-b/deleted', 'room-b/hall']);
    expect(closed).toBe(4);
    expect(revoked.every((c) => c.closedWith === 4403)).toBe(true);
    expect(other.map((c) => c.closedWith)).toEqual([null, 4403]);
    expect(hall.every((c) => c.closedWith === null)).toBe(true);
  });

  it('lets the event loop run during a long sweep over a synchronous store', async () => {
    const many = Array.from({ length: 2000 }, (_, i) => connection(`room-${i}`, 'token'));
    let turns = 0;
    let ticking = true;
    const tick = (): void => {
      turns++;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    await revalidateConnections(asConnections(many), {
      findLink: async (roomId, tokenHash) => link(roomId, tokenHash, null)
    });
    ticking = false;
    // 2,000 lookups, a yield every 100: the loop got a turn at least every 100 lookups.
    expect(turns).toBeGreaterThanOrEqual(15);
  });
});
