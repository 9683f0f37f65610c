// Announcements without chatter: a state is spoken only once it settled and never twice in a row; arrivals
// are counted together, the device's own additions left out, and the same words can be spoken again.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ArrivalAnnouncement, SettledAnnouncement } from '../../src/lib/state/announce.svelte';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('SettledAnnouncement', () => {
  it('says nothing for the first state, and a new state only after it held', () => {
    const a = new SettledAnnouncement(2000);
    a.update('Verbunden');
    vi.advanceTimersByTime(5000);
    expect(a.text).toBe('');
    a.update('Offline');
    vi.advanceTimersByTime(1000);
    a.update('Verbinde …');
    vi.advanceTimersByTime(1000);
    a.update('Offline');
    vi.advanceTimersByTime(1999);
    expect(a.text).toBe('');
    vi.advanceTimersByTime(1);
    expect(a.text).toBe('Offline');
  });

  it('stays silent when the state flickers back to what was last said', () => {
    const a = new SettledAnnouncement(2000);
    a.update('Gesichert');
    a.update('Synchron');
    vi.advanceTimersByTime(500);
    a.update('Gesichert');
    vi.advanceTimersByTime(3000);
    expect(a.text).toBe('');
  });
});

describe('ArrivalAnnouncement', () => {
  const words = (n: number) => `${n} neue Ideen`;

  it('counts arrivals together and says them once per interval', () => {
    const a = new ArrivalAnnouncement(words, 4000);
    a.update(10);
    for (let total = 11; total <= 15; total++) {
      a.update(total);
      vi.advanceTimersByTime(200);
    }
    expect(a.text).toBe('');
    vi.advanceTimersByTime(4000);
    expect(a.text).toBe('5 neue Ideen');
  });

  it('leaves out what this device added itself', () => {
    const a = new ArrivalAnnouncement(words, 4000);
    a.update(0);
    a.noteOwn();
    a.update(1);
    vi.advanceTimersByTime(10_000);
    expect(a.text).toBe('');
    a.noteOwn();
    a.update(3);
    vi.advanceTimersByTime(10_000);
    expect(a.text).toBe('1 neue Ideen');
  });

  it('empties the region before saying the same words again', () => {
    const a = new ArrivalAnnouncement(words, 1000);
    a.update(0);
    a.update(1);
    vi.advanceTimersByTime(1200);
    expect(a.text).toBe('1 neue Ideen');
    a.update(2);
    vi.advanceTimersByTime(1000);
    expect(a.text).toBe('');
    vi.advanceTimersByTime(100);
    expect(a.text).toBe('1 neue Ideen');
  });
});
