// Short messages that confirm an action and may offer to take it back („Idee entfernt · Rückgängig“).
// One queue for the app (AppState owns it; screens reach it through context). A toast with an action
// stays longer than a plain one, and none disappears while the pointer or the focus is on it (the Toaster
// calls hold/release), so a slow reader or a screen-reader user can still reach "Undo".

export interface ToastAction {
  label: string;
  run: () => void;
}

export interface Toast {
  id: number;
  message: string;
  kind: 'info' | 'ok' | 'error';
  action: ToastAction | null;
}

export interface ToastInput {
  message: string;
  kind?: Toast['kind'];
  action?: ToastAction;
  /** Default 5 s, 10 s with an action; errors stay until dismissed unless given. */
  durationMs?: number;
}

/** At most this many at once: the oldest goes when a new one arrives. */
const MAX_VISIBLE = 3;

export class Toasts {
  #items = $state.raw<Toast[]>([]);
  // Timers are bookkeeping, never rendered: a plain Map on purpose.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #timers = new Map<number, { timer: ReturnType<typeof setTimeout> | null; left: number; since: number }>();
  #next = 1;
  #held = false;

  get items(): Toast[] {
    return this.#items;
  }

  show(input: ToastInput): number {
    const id = this.#next++;
    const kind = input.kind ?? 'info';
    const duration = input.durationMs ?? (kind === 'error' ? Infinity : input.action ? 10_000 : 5_000);
    const toast: Toast = { id, message: input.message, kind, action: input.action ?? null };
    const items = [...this.#items, toast];
    for (const old of items.slice(0, Math.max(0, items.length - MAX_VISIBLE))) this.#clear(old.id);
    this.#items = items.slice(-MAX_VISIBLE);
    this.#timers.set(id, { timer: null, left: duration, since: Date.now() });
    if (!this.#held) this.#start(id);
    return id;
  }

  /** Runs the toast's action once and removes it. */
  act(id: number): void {
    const toast = this.#items.find((t) => t.id === id);
    this.dismiss(id);
    toast?.action?.run();
  }

  dismiss(id: number): void {
    this.#clear(id);
    this.#items = this.#items.filter((t) => t.id !== id);
  }

  /** Pointer or focus is on the toasts: no timer runs. */
  hold(): void {
    if (this.#held) return;
    this.#held = true;
    for (const [, t] of this.#timers) {
      if (t.timer === null) continue;
      clearTimeout(t.timer);
      t.timer = null;
      t.left -= Date.now() - t.since;
    }
  }

  release(): void {
    if (!this.#held) return;
    this.#held = false;
    for (const id of this.#timers.keys()) this.#start(id);
  }

  destroy(): void {
    for (const id of [...this.#timers.keys()]) this.#clear(id);
    this.#items = [];
  }

  #start(id: number): void {
    const t = this.#timers.get(id);
    if (!t || t.timer !== null || !Number.isFinite(t.left)) return;
    t.since = Date.now();
    t.timer = setTimeout(() => this.dismiss(id), Math.max(0, t.left));
  }

  #clear(id: number): void {
    const t = this.#timers.get(id);
    if (t?.timer) clearTimeout(t.timer);
    this.#timers.delete(id);
  }
}
