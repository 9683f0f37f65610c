import { describe, expect, it } from 'vitest';
import { MAX_WAITERS, RoomWrites } from '../../sync-server/src/room-writes';

const u = (n: number): Uint8Array => Uint8Array.of(n);

describe('RoomWrites', () => {
  it('calls a save waiter only once everything queued before it committed, through a failed batch', () => {
    const writes = new RoomWrites(0, 0);
    const answered: string[] = [];
    writes.whenStored(() => answered.push('nothing queued'));
    expect(answered).toEqual(['nothing queued']);

    writes.queue(u(1));
    const first = writes.take();
    writes.queue(u(2)); // arrives while the first batch is being written
    writes.whenStored(() => answered.push('after 2'));
    if (!first) throw new Error('no batch');
    writes.restore(first); // the write failed: back in front, order kept
    const retry = writes.take();
    expect(retry?.updates.map((x) => x[0])).toEqual([1, 2]);
    writes.queue(u(3));
    writes.whenStored(() => answered.push('after 3'));
    if (!retry) throw new Error('no batch');
    writes.committed(retry);
    expect(answered).toEqual(['nothing queued', 'after 2']);
    const last = writes.take();
    if (!last) throw new Error('no batch');
    writes.committed(last);
    expect(answered).toEqual(['nothing queued', 'after 2', 'after 3']);
    expect([writes.logRows, writes.logBytes, writes.hasPending]).toEqual([3, 3, false]);
    writes.compacted(3);
    expect([writes.logRows, writes.logBytes]).toEqual([0, 0]);
  });

  it('keeps at most MAX_WAITERS save requests waiting while nothing commits', () => {
    const writes = new RoomWrites(0, 0);
    writes.queue(u(1));
    let called = 0;
    for (let i = 0; i < MAX_WAITERS; i++) expect(writes.whenStored(() => called++)).toBe(true);
    expect(writes.whenStored(() => called++)).toBe(false);
    const batch = writes.take();
    if (!batch) throw new Error('no batch');
    writes.committed(batch);
    expect(called).toBe(MAX_WAITERS);
    expect(writes.whenStored(() => called++)).toBe(true); // nothing waits: answered at once
    expect(called).toBe(MAX_WAITERS + 1);
  });
});
