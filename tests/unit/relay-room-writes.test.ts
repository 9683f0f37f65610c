import { describe, expect, it } from 'vitest';
import { MAX_WAITERS, RoomWrites } from '../../sync-server/src/room-writes';

const u = (n: number): Uint8Array => Uint8Array.of(n);

describe('RoomWrites', () => {
  it('calls a save waiter only once everything queued before it committed, through a failed batch', () => {
    const writes = new RoomWrites(0, 0);
    const answered: string[] = [];
    writes.whenStored({}, () => answered.push('nothing queued'));
    expect(answered).toEqual(['nothing queued']);

    writes.queue(u(1));
    const first = writes.take();
    writes.queue(u(2)); // arrives while the first batch is being written
    writes.whenStored({}, () => answered.push('after 2'));
    if (!first) throw new Error('no batch');
    writes.restore(first); // the write failed: back in front, order kept
    const retry = writes.take();
    expect(retry?.updates.map((x) => x[0])).toEqual([1, 2]);
    writes.queue(u(3));
    writes.whenStored({}, () => answered.push('after 3'));
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

  it('keeps at most MAX_WAITERS connections waiting while nothing commits', () => {
    const writes = new RoomWrites(0, 0);
    writes.queue(u(1));
    let called = 0;
    const owners = Array.from({ length: MAX_WAITERS }, () => ({}));
    for (const owner of owners) expect(writes.whenStored(owner, () => called++)).toBe(true);
    expect(writes.whenStored({}, () => called++)).toBe(false);
    expect(writes.whenStored(owners[0]!, () => called++)).toBe(true); // joins its own waiter
    const batch = writes.take();
    if (!batch) throw new Error('no batch');
    writes.committed(batch);
    expect(called).toBe(MAX_WAITERS);
    expect(writes.whenStored({}, () => called++)).toBe(true); // nothing waits: answered at once
    expect(called).toBe(MAX_WAITERS + 1);
  });

  it("joins a connection's requests into one waiter answered at the later point, and forgets a closed one", () => {
    const writes = new RoomWrites(0, 0);
    const a = {};
    const b = {};
    const answers: string[] = [];
    writes.queue(u(1));
    writes.whenStored(a, (owed) => answers.push(`a×${owed}`));
    writes.whenStored(b, (owed) => answers.push(`b×${owed}`));
    writes.queue(u(2));
    writes.whenStored(a, (owed) => answers.push(`a×${owed}`)); // now waits for update 2 as well
    const first = writes.take();
    if (!first) throw new Error('no batch');
    writes.committed(first); // commits 1 and 2
    expect(answers).toEqual(['b×1', 'a×2']);

    writes.queue(u(3));
    writes.whenStored(a, () => answers.push('a again'));
    writes.forget(a);
    const second = writes.take();
    if (!second) throw new Error('no batch');
    writes.committed(second);
    expect(answers).toEqual(['b×1', 'a×2']);
  });
});
