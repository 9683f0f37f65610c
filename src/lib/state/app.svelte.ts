// The app-wide controller: the conferences on this device (live from Dexie), the person's display name,
// the language, whether the device is online, the conference currently open (for the status bar) and the
// toasts.
// Created once by the root layout and handed down through context (context.ts). Pages render before
// `init()` has read the device database; the language is also mirrored in localStorage, read synchronously
// at construction, so a device set to English does not flash German first.
import { liveQuery, type Subscription } from 'dexie';
import {
  getConference,
  getSetting,
  listConferences,
  removeConference,
  setSetting,
  type ConferenceRecord
} from '../persistence/db';
import { deleteConferenceStores } from '../persistence/store-names';
import { getLocale, isLocale, setLocale, type Locale } from '../i18n/index.svelte';
import { LIMITS, validateText, type Result, type TextError } from '../model';
import type { ConferenceSession } from './session.svelte';
import { Toasts } from './toasts.svelte';

export type { ConferenceRecord };

const LOCALE_HINT_KEY = 'slt-locale';

function readLocaleHint(): string | null {
  try {
    return globalThis.localStorage?.getItem(LOCALE_HINT_KEY) ?? null;
  } catch {
    return null; // storage blocked (private mode, sandboxed frame): Dexie's answer follows shortly
  }
}

function writeLocaleHint(locale: Locale): void {
  try {
    globalThis.localStorage?.setItem(LOCALE_HINT_KEY, locale);
  } catch {
    // only a hint; the setting itself lives in Dexie
  }
}

/**
 * Removes this device's settings of one conference from localStorage: every `slt…` key that ends with
 * `:<roomId>` (the Landkarte's own supporter answers, follow-me choices).
 */
function forgetConferenceSettings(roomId: string): void {
  try {
    const storage = globalThis.localStorage;
    if (!storage) return;
    const keys: string[] = [];
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i);
      if (key?.startsWith('slt') && key.endsWith(`:${roomId}`)) keys.push(key);
    }
    for (const key of keys) storage.removeItem(key);
  } catch {
    // storage blocked: nothing was kept there either
  }
}

export class AppState {
  /** Confirmations and undo offers, shown by the root layout's Toaster. */
  readonly toasts = new Toasts();
  #conferences = $state.raw<ConferenceRecord[]>([]);
  #conferencesLoaded = $state(false);
  #displayName = $state('');
  #online = $state(globalThis.navigator?.onLine ?? true);
  #session = $state.raw<ConferenceSession | null>(null);
  #persistNoticeDismissed = $state(false);
  #subscription: Subscription | null = null;

  constructor() {
    const hint = readLocaleHint();
    if (isLocale(hint)) setLocale(hint);
  }

  /** Loads the saved language and name and starts watching the device's conference list. */
  async init(): Promise<void> {
    const [locale, name, dismissed] = await Promise.all([
      getSetting('locale').catch(() => undefined),
      getSetting('displayName').catch(() => undefined),
      getSetting('persistNoticeDismissed').catch(() => undefined)
    ]);
    this.#persistNoticeDismissed = dismissed === 'yes';
    if (isLocale(locale)) {
      setLocale(locale);
      writeLocaleHint(locale);
    }
    // A name typed before the settings arrived wins.
    if (!this.#displayName) this.#displayName = name ?? '';
    this.#subscription = liveQuery(() => listConferences()).subscribe({
      next: (list) => {
        this.#conferences = list;
        this.#conferencesLoaded = true;
      },
      error: () => (this.#conferencesLoaded = true)
    });
    globalThis.addEventListener?.('online', this.#onOnline);
    globalThis.addEventListener?.('offline', this.#onOffline);
  }

  destroy(): void {
    this.#subscription?.unsubscribe();
    this.toasts.destroy();
    globalThis.removeEventListener?.('online', this.#onOnline);
    globalThis.removeEventListener?.('offline', this.#onOffline);
  }

  get conferences(): ConferenceRecord[] {
    return this.#conferences;
  }

  get conferencesLoaded(): boolean {
    return this.#conferencesLoaded;
  }

  get displayName(): string {
    return this.#displayName;
  }

  get online(): boolean {
    return this.#online;
  }

  get locale(): Locale {
    return getLocale();
  }

  /** The conference open on screen, if any; the status bar reads its connection. */
  get session(): ConferenceSession | null {
    return this.#session;
  }

  set session(session: ConferenceSession | null) {
    this.#session = session;
  }

  /** The facilitator read that the browser refused to keep the data; do not repeat it on every page. */
  get persistNoticeDismissed(): boolean {
    return this.#persistNoticeDismissed;
  }

  async dismissPersistNotice(): Promise<void> {
    this.#persistNoticeDismissed = true;
    await setSetting('persistNoticeDismissed', 'yes').catch(() => undefined);
  }

  async changeLocale(locale: Locale): Promise<void> {
    setLocale(locale);
    writeLocaleHint(locale);
    await setSetting('locale', locale).catch(() => undefined);
  }

  /**
   * Cleans and saves the display name; an empty name means "appear without a name". A name over the limit
   * is refused (`tooLong`), never cut: the form shows the limit and the count.
   */
  async changeDisplayName(name: string): Promise<Result<string, TextError>> {
    const checked = validateText(name, { max: LIMITS.name, singleLine: true });
    if (!checked.ok) return checked;
    this.#displayName = checked.value;
    // A device that cannot store says so in the status notices; the name still holds for this visit.
    await setSetting('displayName', checked.value).catch(() => undefined);
    return checked;
  }

  /**
   * Removes a conference from this device only: its documents, drafts, saved marks, settings and record. The
   * server and other devices keep it. Not while it is open on this page.
   */
  async forgetConference(roomId: string): Promise<boolean> {
    if (this.#session?.roomId === roomId) return false;
    try {
      const record = await getConference(roomId);
      await deleteConferenceStores(roomId, record?.sealedScopes ?? []);
      await removeConference(roomId);
      forgetConferenceSettings(roomId);
      return true;
    } catch {
      return false;
    }
  }

  #onOnline = (): void => {
    this.#online = true;
  };

  #onOffline = (): void => {
    this.#online = false;
  };
}
