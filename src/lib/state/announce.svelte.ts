// What screen readers hear, without chatter. A `SettledAnnouncement` speaks a state only once it has held
// for a while (the connection flapping between offline and connecting says nothing until it settles) and
// never repeats itself; an `ArrivalAnnouncement` gathers arrivals (ideas from others) and says their count
// at most every few seconds instead of one announcement per item. Both expose `text` for a polite live
// region (ui/shared/LiveRegion.svelte); the first state seen is never announced (it is what the page shows).

export class SettledAnnouncement {
  #text = $state('');
  #last: string | null = null;
  #timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly settleMs = 2000) {}

  get text(): string {
    return this.#text;
  }

  /** The state now; spoken when it is still the state after `settleMs`, unless it was the last spoken. */
  update(state: string): void {
    if (this.#last === null) {
      this.#last = state;
      return;
    }
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      if (state === this.#last) return;
      this.#last = state;
      this.#text = state;
    }, this.settleMs);
  }

  destroy(): void {
    if (this.#timer) clearTimeout(this.#timer);
  }
}

export class ArrivalAnnouncement {
  #text = $state('');
  #seen: number | null = null;
  #own = 0;
  #pending = 0;
  #timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly words: (count: number) => string,
    private readonly everyMs = 4000
  ) {}

  get text(): string {
    return this.#text;
  }

  /** This device added one itself: the next increase by one is not an arrival. */
  noteOwn(): void {
    this.#own++;
  }

  /** The number of items now (all authors). */
  update(total: number): void {
    if (this.#seen === null || total < this.#seen) {
      this.#seen = total;
      return;
    }
    let added = total - this.#seen;
    this.#seen = total;
    const own = Math.min(this.#own, added);
    this.#own -= own;
    added -= own;
    if (added <= 0) return;
    this.#pending += added;
    this.#timer ??= setTimeout(() => this.#flush(), this.everyMs);
  }

  destroy(): void {
    if (this.#timer) clearTimeout(this.#timer);
  }

  #flush(): void {
    this.#timer = null;
    if (this.#pending === 0) return;
    // Emptied first, so the live region hears the same words ("1 neue Idee") again.
    const words = this.words(this.#pending);
    this.#pending = 0;
    this.#text = '';
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#text = words;
    }, 100);
  }
}
