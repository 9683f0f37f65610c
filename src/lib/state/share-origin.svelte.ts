// The address the share dialog and the projector view build join links on, as runes. On a page opened
// as `localhost` it asks the relay once for the addresses phones can reach (GET /api/info) and picks the
// first, or the one the facilitator chose; elsewhere it is simply the page's own origin (model/share-origin).
import { chooseShareOrigin, isLoopbackOrigin, rebaseLink, type ShareOriginChoice } from '../model';
import { fetchLanUrls, relayBase } from '../sync/relay-api';

export interface ShareOriginOptions {
  pageOrigin?: string;
  /** The relay's address when it is not the page's origin (ConferenceRecord.relayUrl). */
  relayUrl?: string;
  /** An address chosen earlier (e.g. handed to the projector view). */
  chosen?: string | null;
  fetch?: typeof fetch;
}

export class ShareOrigin {
  readonly #pageOrigin: string;
  readonly #relayUrl: string | undefined;
  readonly #fetch: typeof fetch | undefined;
  #lanUrls = $state.raw<readonly string[]>([]);
  #chosen = $state<string | null>(null);
  #loaded = $state(false);
  #loading: Promise<void> | null = null;

  constructor(opts: ShareOriginOptions = {}) {
    this.#pageOrigin = opts.pageOrigin ?? globalThis.location?.origin ?? 'http://localhost';
    this.#relayUrl = opts.relayUrl;
    this.#fetch = opts.fetch;
    this.#chosen = opts.chosen ?? null;
  }

  /** Asks the relay once (only from a loopback page); later calls share the first answer. */
  load(): Promise<void> {
    if (!isLoopbackOrigin(this.#pageOrigin)) {
      this.#loaded = true;
      return Promise.resolve();
    }
    this.#loading ??= fetchLanUrls(relayBase(this.#pageOrigin, this.#relayUrl), this.#fetch).then((urls) => {
      this.#lanUrls = urls;
      this.#loaded = true;
    });
    return this.#loading;
  }

  /** False until the relay answered (or did not need asking). */
  get loaded(): boolean {
    return this.#loaded;
  }

  get choice(): ShareOriginChoice {
    return chooseShareOrigin(this.#pageOrigin, this.#lanUrls, this.#chosen);
  }

  choose(origin: string): void {
    this.#chosen = origin;
  }

  /** `link` on the chosen origin; null stays null. */
  apply(link: string | null): string | null {
    return link === null ? null : rebaseLink(link, this.choice.origin);
  }
}
