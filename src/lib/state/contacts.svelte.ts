// Contact details given with consent (the Landkarte's „Bitte um Kontakt“): a participant sends them to the
// facilitators-only document through the relay (appended, never read back: lib/doc/facilitators.ts
// contactEntryUpdate, relay POST …/facilitators/append); facilitators read them from that document on any
// of their devices. Nothing of it is in the shared document, so no other participant sees it.
import { createSubscriber } from 'svelte/reactivity';
import {
  CONTACT_LIMITS,
  contactEntryUpdate,
  observeContacts,
  readContacts,
  type ContactRequest
} from '../doc';
import type { InitiativeId } from '../model';
import { appendToFacilitators } from '../sync/relay-api';
import type { ConferenceSession } from './session.svelte';

export type { ContactRequest };
/** `sent`: stored on the relay. `offline`: not reached (try again later). `refused`/`empty`/`tooLong`. */
export type ContactOutcome = 'sent' | 'offline' | 'refused' | 'empty' | 'tooLong';

export class ContactRequests {
  readonly #session: ConferenceSession;
  readonly #subscribe: () => void;

  constructor(session: ConferenceSession) {
    this.#session = session;
    this.#subscribe = createSubscriber((update) => {
      const doc = session.facilitatorsDoc;
      return doc ? observeContacts(doc, update) : undefined;
    });
  }

  /** Participants send; facilitators see (they write their notes elsewhere). */
  get canSend(): boolean {
    return this.#session.role === 'participant';
  }

  /** The longest phone number or address taken. */
  readonly maxLength = CONTACT_LIMITS.contact;

  get canRead(): boolean {
    return this.#session.facilitatorsDoc !== null;
  }

  /** Contact details given for an initiative (facilitators; empty for everyone else). */
  forInitiative(id: InitiativeId): ContactRequest[] {
    this.#subscribe();
    const doc = this.#session.facilitatorsDoc;
    return doc ? readContacts(doc, id) : [];
  }

  async send(initiativeId: InitiativeId, name: string, contact: string): Promise<ContactOutcome> {
    if (!this.canSend) return 'refused';
    const update = contactEntryUpdate({ initiativeId, name, contact });
    if (!update.ok) return update.error;
    const { base, fetch } = this.#session.relay;
    // With the session token: the relay binds the entry to this participant (forget-me finds it).
    const answer = await appendToFacilitators(
      base,
      this.#session.roomId,
      await this.#session.relayToken(),
      update.value,
      fetch
    );
    return answer === 'stored' ? 'sent' : answer === 'unreachable' ? 'offline' : 'refused';
  }
}
