// "Saved on this device" for one conference: its document stores (session-load.ts: shared, control, the
// facilitators' document where there is one, plans last) and their combined status. A store that a reload
// after a refused write replaces (doc-reload.ts) is swapped in through `slot`, so the status follows it.
import { combineStatus, type DocStore, type LocalSaveStatus } from '../persistence/doc-store';

export interface StoreSlot {
  get(): DocStore;
  set(store: DocStore): void;
  name: string;
}

export class LocalSave {
  readonly #stores: DocStore[];
  readonly #stops: (() => void)[] = [];
  #status = $state.raw<LocalSaveStatus>({ state: 'loading', error: null, lastSavedAt: null });

  constructor(stores: readonly DocStore[]) {
    this.#stores = [...stores];
    for (const store of this.#stores) this.#follow(store);
    this.#update();
  }

  get status(): LocalSaveStatus {
    return this.#status;
  }

  /** The store at `index` (a negative index counts from the end), replaceable under its IndexedDB `name`. */
  slot(index: number, name: string): StoreSlot {
    const at = index < 0 ? this.#stores.length + index : index;
    return {
      get: () => this.#stores[at]!,
      set: (store) => {
        this.#stores[at] = store;
        this.#follow(store);
        this.#update();
      },
      name
    };
  }

  /** True for the origin of a store's own transactions (loading stored state into its document). */
  isStoreOrigin(origin: unknown): boolean {
    return this.#stores.some((s) => s.isStoreOrigin(origin));
  }

  /** Writes again what failed to be written; true when every store is saved afterwards. */
  async retry(): Promise<boolean> {
    const results = await Promise.all(
      this.#stores.map((s) => (s.status.state === 'error' ? s.retry() : true))
    );
    return results.every(Boolean);
  }

  async destroy(): Promise<void> {
    for (const stop of this.#stops.splice(0)) stop();
    await Promise.all(this.#stores.map((s) => s.destroy()));
  }

  #follow(store: DocStore): void {
    this.#stops.push(store.subscribe(() => this.#update()));
  }

  #update(): void {
    this.#status = combineStatus(this.#stores.map((s) => s.status));
  }
}
