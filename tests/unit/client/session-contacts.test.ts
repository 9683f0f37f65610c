// Contact details with consent (lib/state/contacts.svelte.ts) on the real relay: a participant's device sends
// them to the facilitators-only document without ever holding it; a facilitator's device reads them there;
// the shared document (what every participant gets) holds nothing of them.
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import type { InitiativeId } from '../../../src/lib/model';
import { ContactRequests } from '../../../src/lib/state/contacts.svelte';
import { relayCopy } from '../../helpers/ownership';
import { useSessionRelay } from '../../helpers/session-relay';

const t = useSessionRelay();

describe('contact details with consent', () => {
  it('reach the facilitators only', async () => {
    const ini = 'ini-aaaaaaaaaaaaaaaaaaaa' as InitiativeId;
    const participant = await t.open('participant');
    const asking = new ContactRequests(participant);
    expect(asking.canSend).toBe(true);
    expect(asking.canRead).toBe(false);
    expect(await asking.send(ini, 'Resi', '  ')).toBe('empty');
    expect(await asking.send(ini, 'Resi', 'resi@example.org')).toBe('sent');
    expect(asking.forInitiative(ini)).toEqual([]);

    const facilitator = await t.open('facilitator');
    const reading = new ContactRequests(facilitator);
    expect(reading.canSend).toBe(false);
    await vi.waitFor(
      () =>
        expect(reading.forInitiative(ini).map((c) => [c.name, c.contact])).toEqual([
          ['Resi', 'resi@example.org']
        ]),
      { timeout: 10_000 }
    );
    const shared = await relayCopy(t.relay.wsUrl, t.relay.room.roomId, t.relay.room.tokens.participant);
    expect(Buffer.from(Y.encodeStateAsUpdate(shared)).includes(Buffer.from('resi@example.org'))).toBe(false);
  });
});
