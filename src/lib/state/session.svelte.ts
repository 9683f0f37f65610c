// One open conference: its documents loaded from this device (session-load.ts), kept in sync with the relay
// (Connection) and read through ConferenceView. The verbs live in capability controllers that take the
// session (setup.ts, ideas.ts, own-ideas.ts, moderation.ts, plans.svelte.ts, links.svelte.ts, …). Routes get
// it from context and never see a Y.Doc. `ConferenceSession.open` returns null for a conference this device
// does not know (no record in the device database, so no token). While facilitators have closed the round
// (room lock), participants only read; a write the relay refused anyway is kept as a draft and the shared
// document is reloaded from the relay (shared-reset.ts).
import { createPlansDoc, destroyConferenceDocs, observeDoc, type ConferenceDocs } from '../doc';
import type { CommandError, RoomId, Role } from '../model';
import type * as Y from 'yjs';
import { updateConference, type ConferenceRecord } from '../persistence/db';
import type { LocalSaveStatus } from '../persistence/doc-store';
import { docStoreNames } from '../persistence/store-names';
import { requestPersistentStorage, type PersistAnswer } from '../persistence/storage';
import { Connection } from '../sync/connection.svelte';
import { registerRoom, relayBase, type RelayBase } from '../sync/relay-api';
import { ConferenceView } from './conference.svelte';
import type { IdeaDraft } from './draft.svelte';
import { LocalSave } from './local-save.svelte';
import { PlanRefusals } from './plan-refusals.svelte';
import { SharedRefusals } from './refusals.svelte';
import { SealedDrafts } from './sealed.svelte';
import { loadConference, type LoadedConference } from './session-load';
import { syncShareTokens, type ShareTokens } from './share-tokens';
import type { EarlierChanges } from './unsaved.svelte';

export type { LocalSaveStatus, PersistAnswer };
export type { ConnectionStatus, RegistrationState } from '../sync/connection.svelte';
export type { Refusal } from '../sync/relay-api';
/** `locked`: the round is closed (participants cannot add ideas until a facilitator opens it). */
export type SessionError = CommandError | 'notAllowed' | 'locked';

export interface SessionOptions {
  /** Where the app was loaded from; the relay lives at the same origin unless the record names another. */
  origin?: string;
  base?: RelayBase;
  authorName?: () => string;
  WebSocketPolyfill?: typeof WebSocket;
  fetch?: typeof fetch;
  /** Tests may open a session without a relay. */
  connect?: boolean;
}

const SYNC_STAMP_INTERVAL_MS = 5000;

export class ConferenceSession {
  readonly roomId: RoomId;
  readonly view: ConferenceView;
  readonly connection: Connection;
  /** Sealed drafts: where a participant's ideas go while a table is sealed, the facilitators' count. */
  readonly sealed: SealedDrafts;
  /** The relay's refusals of this device's plan changes, read through the Plans controller. */
  readonly planRefusals: PlanRefusals;
  /** Where the app was loaded from (join links start there; lib/state/links.svelte.ts). */
  readonly origin: string;
  #docs: ConferenceDocs;
  /** Facilitators only: the document only facilitators read (share links; lib/doc/facilitators.ts). */
  #facilitators: Y.Doc | null;
  /** The action plans, written together by facilitators and participants (lib/doc/plans.ts). */
  #plans: Y.Doc;
  readonly #localSave: LocalSave;
  #record = $state.raw<ConferenceRecord>() as ConferenceRecord;
  #persist = $state<PersistAnswer | null>(null);
  #base: RelayBase;
  #fetch: typeof fetch | undefined;
  #authorName: () => string;
  #cleanup: (() => void)[] = [];
  #lastStamp = 0;
  #destroyed = false;
  #refusals: SharedRefusals;
  // Plain bookkeeping, not state: who follows the plans document when it is replaced.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  readonly #plansReplaced = new Set<() => void>();
  #earlier: EarlierChanges;

  private constructor(loaded: LoadedConference, opts: SessionOptions) {
    const { record, docs, facilitators, plans, stores, earlier } = loaded;
    this.#earlier = earlier;
    this.#facilitators = facilitators;
    this.#plans = plans;
    this.roomId = record.roomId as RoomId;
    this.#record = record;
    this.#docs = docs;
    this.#localSave = new LocalSave(stores);
    this.origin = opts.origin ?? globalThis.location?.origin ?? 'http://localhost';
    this.#authorName = opts.authorName ?? (() => '');
    // Ideas re-render at most ~10 times a second: a busy table must leave a phone time for typing.
    this.view = new ConferenceView(docs, { settleMs: 100 });
    this.#refusals = new SharedRefusals(record.roomId);
    this.planRefusals = new PlanRefusals(record.unsavedPlanTexts ?? [], (unsavedPlanTexts) =>
      this.#patchRecord({ unsavedPlanTexts })
    );
    const base = opts.base ?? relayBase(this.origin, record.relayUrl);
    this.#base = base;
    this.#fetch = opts.fetch;
    const needsRegistration = record.role === 'facilitator' && !record.registered && record.shareTokens;
    this.connection = new Connection({
      roomId: record.roomId,
      token: record.token,
      participantKey: record.participantKey,
      docs: facilitators ? { ...docs, facilitators, plans } : { ...docs, plans },
      base,
      WebSocketPolyfill: opts.WebSocketPolyfill,
      fetch: opts.fetch,
      ignoreOrigin: (origin) =>
        this.#localSave.isStoreOrigin(origin) || this.sealed?.isStoreOrigin(origin) === true,
      register: needsRegistration
        ? () =>
            registerRoom(
              base,
              {
                roomId: record.roomId,
                title: this.view.info.title,
                tokens: { facilitator: record.token, ...record.shareTokens }
              },
              opts.fetch
            )
        : undefined,
      onRegistered: () => void this.#patchRecord({ registered: true }),
      onRefused: (doc) => {
        if (doc === 'shared') void this.#onSharedRefused();
        if (doc === 'plans') void this.#onPlansRefused();
      },
      onSaved: (at) => {
        void this.#earlier.recordSaved(this.#docs, at, () => this.connection.status === 'saved');
        if (at - this.#lastStamp < SYNC_STAMP_INTERVAL_MS) return;
        this.#lastStamp = at;
        void this.#patchRecord({ lastSyncedAt: at });
      }
    });
    this.sealed = new SealedDrafts({
      roomId: this.roomId,
      control: docs.control,
      shared: () => this.#docs.shared,
      participant: record.role === 'participant',
      moderator: record.role === 'facilitator',
      connection: this.connection,
      remembered: record.sealedScopes ?? [],
      remember: (sealedScopes) => void this.#patchRecord({ sealedScopes }),
      storeName: (scope) => `${docStoreNames(record.roomId).shared}/sealed/${scope}`,
      relay: { base, token: record.token, fetch: opts.fetch }
    });
    this.#cleanup.push(syncShareTokens(this));
    // Keep the title on the start page current when someone renames the conference.
    this.#cleanup.push(
      observeDoc(docs.control, 'control', () => {
        const title = this.view.info.title;
        if (title && title !== this.#record.title) void this.#patchRecord({ title });
      })
    );
  }

  /** Loads a conference this device knows; null when it has no record of it. */
  static async open(roomId: string, opts: SessionOptions = {}): Promise<ConferenceSession | null> {
    const loaded = await loadConference(roomId);
    if (!loaded) return null;
    const session = new ConferenceSession(loaded, opts);
    await session.#patchRecord({ lastOpenedAt: Date.now() });
    if (opts.connect !== false) session.connection.start();
    if (loaded.record.role === 'facilitator') {
      void requestPersistentStorage().then((answer) => (session.#persist = answer));
    }
    return session;
  }

  get record(): ConferenceRecord {
    return this.#record;
  }

  /**
   * The documents, for the capability controllers in lib/state (`new IdeaModeration(session)`, …) that
   * carry their own verbs; the UI never sees a Y.Doc (an ESLint rule keeps yjs out of it). The shared
   * document can be replaced after a refused write, so read this each time instead of keeping it.
   */
  get docs(): Readonly<ConferenceDocs> {
    return this.#docs;
  }

  /** Facilitators only: the facilitators' document (contact requests read it); null elsewhere. */
  get facilitatorsDoc(): Y.Doc | null {
    return this.#facilitators;
  }

  /** The action plans document, for the Plans controller in lib/state (plans.svelte.ts). */
  get plansDoc(): Y.Doc {
    return this.#plans;
  }

  /** Calls `listener` after the plans document was replaced by a fresh copy from the relay; returns the undo. */
  onPlansReplaced(listener: () => void): () => void {
    this.#plansReplaced.add(listener);
    return () => this.#plansReplaced.delete(listener);
  }

  get role(): Role {
    return this.#record.role;
  }

  /** Facilitators edit the conference, its fields and tables. */
  get canModerate(): boolean {
    return this.#record.role === 'facilitator';
  }

  /** Facilitators and participants add ideas; viewers only read, and so does a plan link (planScope). */
  get canWrite(): boolean {
    return this.#record.role !== 'viewer' && !this.#record.planScope;
  }

  /** Joined through a plan link: the one plan this device edits (the relay enforces it), else null. */
  get planScope(): string | null {
    return this.#record.planScope ?? null;
  }

  /** The facilitators closed the round: participants read but cannot add ideas. */
  get locked(): boolean {
    return this.view.locked;
  }

  /** May add ideas now: facilitators always, participants unless the round is closed. */
  get canAddIdeas(): boolean {
    return this.canModerate || (this.canWrite && !this.view.locked);
  }

  /** The name this person gives their ideas (the Ideas controller, ideas.ts); '' when none. */
  get authorName(): string {
    return this.#authorName();
  }

  /** The shared document is being reloaded after a refused write: nothing may be written to it now. */
  get resettingShared(): boolean {
    return this.#refusals.resetting;
  }

  /** How many of this device's ideas the relay refused (round closed) and were kept as drafts; 0 = none. */
  get refusedIdeas(): number {
    return this.#refusals.kept;
  }

  dismissRefusedNotice(): void {
    this.#refusals.dismiss();
  }

  /** An open composer: ideas the relay refuses for its table are added to its text. Returns the undo. */
  trackDraft(draft: IdeaDraft): () => void {
    return this.#refusals.track(draft);
  }

  /** Changes from before this visit (a reload, a closed tab) the relay has not confirmed yet. */
  get unsavedEarlier(): boolean {
    return this.#earlier.waiting;
  }

  /** "Saved on this device" across both documents. */
  get localSave(): LocalSaveStatus {
    return this.#localSave.status;
  }

  /** The browser's answer to keeping storage (facilitators only); 'denied' deserves a warning. */
  get persistAnswer(): PersistAnswer | null {
    return this.#persist;
  }

  retryLocalSave(): Promise<boolean> {
    return this.#localSave.retry();
  }

  /** Where this conference's relay answers, and the fetch to reach it (tests pass their own). */
  get relay(): { base: RelayBase; fetch: typeof fetch | undefined } {
    return { base: this.#base, fetch: this.#fetch };
  }

  /**
   * The token for the relay's HTTP API: a session token carrying this device's participant id when the
   * relay gives one (so what this device appends is bound to it, and forget-me finds it), else the link.
   */
  async relayToken(): Promise<string> {
    return (await this.connection.sessionToken()) ?? this.#record.token;
  }

  /** Keeps the share tokens in this device's record (the share links: links.svelte.ts, share-tokens.ts). */
  saveShareTokens(shareTokens: ShareTokens): Promise<void> {
    return this.#patchRecord({ shareTokens });
  }

  async destroy(): Promise<void> {
    if (this.#destroyed) return; // the layout may close it early (removing a deleted conference)
    this.#destroyed = true;
    for (const stop of this.#cleanup.splice(0)) stop();
    this.view.destroy();
    await this.sealed.destroy();
    this.connection.destroy();
    await this.#localSave.destroy();
    destroyConferenceDocs(this.#docs);
    this.#facilitators?.destroy();
    this.#plans.destroy();
  }

  /** The relay dropped a write to the shared document: keep the refused ideas as drafts, reload. */
  async #onSharedRefused(): Promise<void> {
    await this.#refusals.handle({
      roomId: this.roomId,
      docs: this.#docs,
      store: this.#localSave.slot(0, docStoreNames(this.roomId).shared),
      connection: this.connection,
      view: this.view,
      cancelled: () => this.#destroyed
    });
  }

  /** The relay dropped a write to the plans document: keep the texts it lacks, reload it from the relay. */
  async #onPlansRefused(): Promise<void> {
    await this.planRefusals.note({
      old: this.#plans,
      fresh: () => createPlansDoc(this.roomId),
      // The plans store is the last (session-load.ts).
      store: this.#localSave.slot(-1, docStoreNames(this.roomId).plans),
      connection: this.connection,
      swap: (fresh) => {
        this.#plans = fresh;
        for (const listener of this.#plansReplaced) listener();
      },
      cancelled: () => this.#destroyed
    });
  }

  async #patchRecord(
    changes: Partial<
      Pick<
        ConferenceRecord,
        | 'title'
        | 'lastOpenedAt'
        | 'lastSyncedAt'
        | 'registered'
        | 'shareTokens'
        | 'sealedScopes'
        | 'unsavedPlanTexts'
      >
    >
  ) {
    this.#record = { ...this.#record, ...changes };
    await updateConference(this.roomId, changes).catch(() => undefined);
  }
}
