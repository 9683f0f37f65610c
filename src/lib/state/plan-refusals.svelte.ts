// The relay's refusals of this device's plan changes and what the session does about them: the plans
// document is reloaded from the relay, and the texts it lacks are kept for the person (model/plan-diff.ts).
import type * as Y from 'yjs';
import { readPlans } from '../doc';
import { unsavedPlanTexts, type UnsavedPlanText } from '../model';
import { reloadFromRelay, type DocReloadDeps } from './doc-reload';

/**
 * The relay's refusals of this device's plan changes (the round was closed while the phone was offline, or a
 * plan link reached outside its plan), for as long as the conference is open (the session feeds it from its
 * connection), so the plan pages' notice outlives the page that made the change. Each refusal reloads the
 * plans document from the relay (doc-reload.ts: the replica must not diverge, and later changes of this
 * device would wait behind the refused one for ever); the texts the relay lacks are kept on the device
 * and shown until the person dismissed them.
 */
export class PlanRefusals {
  #count = $state(0);
  #unsaved = $state.raw<readonly UnsavedPlanText[]>([]);
  #reloading = false;
  #again = false;
  readonly #save: (texts: UnsavedPlanText[]) => Promise<void>;

  constructor(kept: readonly UnsavedPlanText[] = [], save: (texts: UnsavedPlanText[]) => Promise<void>) {
    this.#unsaved = kept;
    this.#count = kept.length > 0 ? 1 : 0;
    this.#save = save;
  }

  /** Refusals since the notice was dismissed (0: no notice). */
  get count(): number {
    return this.#count;
  }

  /** What this device wrote that the relay does not hold, to enter again. */
  get unsaved(): readonly UnsavedPlanText[] {
    return this.#unsaved;
  }

  /** A refusal: counted, and the document reloaded (one reload at a time; a refusal meanwhile runs another). */
  async note(reload: Omit<DocReloadDeps<UnsavedPlanText[]>, 'kind' | 'keep'>): Promise<void> {
    this.#count++;
    if (this.#reloading) {
      this.#again = true;
      return;
    }
    this.#reloading = true;
    try {
      do {
        this.#again = false;
        await reloadFromRelay({ ...reload, kind: 'plans', keep: (old, fresh) => this.#keep(old, fresh) });
      } while (this.#again && !reload.cancelled());
    } catch {
      // Nothing could be kept: the old replica stays with its data; the next refusal tries again.
    } finally {
      this.#reloading = false;
    }
  }

  dismiss(): void {
    this.#count = 0;
    this.#unsaved = [];
    void this.#save([]);
  }

  async #keep(old: Y.Doc, fresh: Y.Doc): Promise<UnsavedPlanText[]> {
    const lost = unsavedPlanTexts(readPlans(old), readPlans(fresh));
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local lookup, not state
    const seen = new Set(this.#unsaved.map((t) => `${t.plan}\n${t.kind}\n${t.text}`));
    const next = [...this.#unsaved, ...lost.filter((t) => !seen.has(`${t.plan}\n${t.kind}\n${t.text}`))];
    await this.#save(next);
    this.#unsaved = next;
    return lost;
  }
}
