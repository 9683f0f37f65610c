// The unsent text of an idea field, kept in the device database while typing, so a reload, a closed tab
// or a refused send never loses what someone wrote. Saves at most every 300 ms and on flush(). Ideas the
// relay refused (room locked) come back here through absorb().
import { mergeDraftText } from '../model';
import { clearDraft, getDraft, saveDraft } from '../persistence/db';

const SAVE_DELAY_MS = 300;

export class IdeaDraft {
  #text = $state('');
  #loaded = $state(false);
  #timer: ReturnType<typeof setTimeout> | undefined;
  #roomId: string;
  #tableId: string;

  constructor(roomId: string, tableId: string) {
    this.#roomId = roomId;
    this.#tableId = tableId;
  }

  /** Restores a saved draft unless the person already started typing. */
  async load(): Promise<void> {
    const saved = await getDraft(this.#roomId, this.#tableId).catch(() => '');
    if (this.#text === '') this.#text = saved;
    this.#loaded = true;
  }

  get text(): string {
    return this.#text;
  }

  set text(value: string) {
    this.#text = value;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.flush(), SAVE_DELAY_MS);
  }

  get roomId(): string {
    return this.#roomId;
  }

  get tableId(): string {
    return this.#tableId;
  }

  /** Adds `text` (an idea the relay refused) to what is typed here and saves at once. */
  async absorb(text: string): Promise<void> {
    this.#text = mergeDraftText(this.#text, text);
    await this.flush();
  }

  get loaded(): boolean {
    return this.#loaded;
  }

  async flush(): Promise<void> {
    clearTimeout(this.#timer);
    await saveDraft(this.#roomId, this.#tableId, this.#text).catch(() => undefined);
  }

  /** After the idea was stored in the document. */
  async clear(): Promise<void> {
    clearTimeout(this.#timer);
    this.#text = '';
    await clearDraft(this.#roomId, this.#tableId).catch(() => undefined);
  }
}
