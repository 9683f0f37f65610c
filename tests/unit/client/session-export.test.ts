// The export page's controller (lib/state/export.svelte.ts) over a real session on the real relay: a
// facilitator's export reads the four documents the device holds, contacts included; a participant's device
// holds no facilitators document, so its export has no contacts; every offered choice makes a file.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addPlan, addTable, contactEntryUpdate } from '../../../src/lib/doc';
import type { InitiativeId } from '../../../src/lib/model';
import { EXPORT_CHOICES, Exports } from '../../../src/lib/state/export.svelte';
import { useSessionRelay } from '../../helpers/session-relay';

const t = useSessionRelay();

describe('exports of a session', () => {
  it('carry contacts for facilitators only, and make every offered file', async () => {
    const facilitator = await t.open('facilitator');
    expect(addTable(facilitator.docs.control, { title: 'Bürgerenergie' }).ok).toBe(true);
    expect(addPlan(facilitator.plansDoc, { title: 'Solardächer' }).ok).toBe(true);
    const update = contactEntryUpdate({
      initiativeId: 'ini-a' as InitiativeId,
      name: 'Resi',
      contact: 'resi@x.org'
    });
    if (!update.ok) throw new Error(update.error);
    Y.applyUpdate(facilitator.facilitatorsDoc!, update.value);

    const exports = new Exports(facilitator);
    expect(exports.includesContacts).toBe(true);
    const data = exports.snapshot(new Date('2027-03-03T12:00:00Z'));
    expect(data.exportedAt).toBe('2027-03-03T12:00:00.000Z');
    expect(data.tables.map((t) => t.title)).toEqual(['Bürgerenergie']);
    expect(data.plans.map((p) => p.title)).toEqual(['Solardächer']);
    expect(data.contacts?.map((c) => c.contact)).toEqual(['resi@x.org']);
    const names = new Set<string>();
    for (const choice of EXPORT_CHOICES) {
      const file = await exports.file(choice);
      expect(file.text.length, `${choice.format} ${choice.entity ?? ''}`).toBeGreaterThan(0);
      names.add(file.name);
    }
    expect(names.size).toBe(EXPORT_CHOICES.length);

    const participant = new Exports(await t.open('participant'));
    expect(participant.includesContacts).toBe(false);
    expect(participant.snapshot().contacts).toBeUndefined();
    expect((await participant.file({ format: 'json' })).text).not.toContain('"contacts"');
  });
});
