// What the session does when the relay refused this device's writes to the shared document (the round is
// closed): the refused ideas go back into the composers (open ones directly, others through the device
// database), the shared document is reloaded from the relay (shared-reset.ts), and a notice says so until
// dismissed. Only one reload runs at a time; while it runs, nothing is written to the shared document.
import type { Idea } from '../model';
import { appendDraft } from '../persistence/db';
import type { IdeaDraft } from './draft.svelte';
import { resetSharedFromRelay, type SharedResetDeps } from './shared-reset';

export class SharedRefusals {
  #roomId: string;
  #resetting = false;
  #kept = $state(0);
  // Not reactive state: which composers are open, so refused ideas land in the text someone sees.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #live = new Set<IdeaDraft>();

  constructor(roomId: string) {
    this.#roomId = roomId;
  }

  /** A reload of the shared document is running. */
  get resetting(): boolean {
    return this.#resetting;
  }

  /** How many refused ideas were kept as drafts since the notice was last dismissed. */
  get kept(): number {
    return this.#kept;
  }

  dismiss(): void {
    this.#kept = 0;
  }

  /** An open composer: refused ideas of its table are added to its text. Returns the undo. */
  track(draft: IdeaDraft): () => void {
    this.#live.add(draft);
    return () => this.#live.delete(draft);
  }

  /** Runs the reload; resolves true when the shared document was swapped (false: skipped or failed). */
  async handle(deps: Omit<SharedResetDeps, 'keepAsDrafts'>): Promise<boolean> {
    if (this.#resetting || deps.cancelled()) return false;
    this.#resetting = true;
    try {
      const kept = await resetSharedFromRelay({ ...deps, keepAsDrafts: (ideas) => this.#keep(ideas) });
      if (kept === null) return false;
      this.#kept += kept.length;
      return true;
    } catch {
      // The drafts could not be stored: the old replica stays (with its data) and syncs on; the relay
      // refuses its next write again and this is retried then.
      return false;
    } finally {
      this.#resetting = false;
    }
  }

  async #keep(ideas: Idea[]): Promise<void> {
    for (const idea of ideas) {
      const live = [...this.#live].find((d) => d.tableId === idea.tableId);
      if (live) await live.absorb(idea.text);
      else await appendDraft(this.#roomId, idea.tableId, idea.text);
    }
  }
}
