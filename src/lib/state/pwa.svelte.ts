// The service worker as state: registers it (workbox via @vite-pwa/sveltekit), says when a new version
// waits and updates only when the person asks. Checks for a new version every hour while open. It
// registers once the page has loaded and the main thread is idle: on a phone's first visit over poor wifi
// the worker's precache download (the whole app) must not compete with the first screen, nor its code
// with the first render.
import { useRegisterSW } from 'virtual:pwa-register/svelte';

const UPDATE_CHECK_MS = 60 * 60 * 1000;
const OFFLINE_NOTE_MS = 10_000;

export class PwaState {
  #needRefresh = $state(false);
  #offlineReady = $state(false);
  #update: ((reload?: boolean) => Promise<void>) | null = null;
  #stops: (() => void)[] = [];

  start(): void {
    if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
    let cancelled = false;
    this.#stops.push(() => (cancelled = true));
    const register = () => {
      if (cancelled) return;
      if ('requestIdleCallback' in globalThis)
        requestIdleCallback(() => !cancelled && this.#register(), { timeout: 2000 });
      else setTimeout(() => !cancelled && this.#register(), 200);
    };
    if (document.readyState === 'complete') register();
    else addEventListener('load', register, { once: true });
  }

  #register(): void {
    const { needRefresh, offlineReady, updateServiceWorker } = useRegisterSW({
      immediate: true,
      onRegisteredSW: (_url, registration) => {
        if (!registration) return;
        const timer = setInterval(() => void registration.update().catch(() => undefined), UPDATE_CHECK_MS);
        this.#stops.push(() => clearInterval(timer));
      }
    });
    this.#update = updateServiceWorker;
    this.#stops.push(
      needRefresh.subscribe((v) => (this.#needRefresh = v)),
      offlineReady.subscribe((v) => {
        this.#offlineReady = v;
        // A good-news note, not a question: it goes away by itself.
        if (v) setTimeout(() => (this.#offlineReady = false), OFFLINE_NOTE_MS);
      })
    );
  }

  /** A new version is installed and waits for the person to switch. */
  get needRefresh(): boolean {
    return this.#needRefresh;
  }

  /** The app shell is cached for the first time: it now opens without a network. */
  get offlineReady(): boolean {
    return this.#offlineReady;
  }

  async updateNow(): Promise<void> {
    await this.#update?.(true);
  }

  dismiss(): void {
    this.#needRefresh = false;
    this.#offlineReady = false;
  }

  destroy(): void {
    for (const stop of this.#stops.splice(0)) stop();
  }
}
