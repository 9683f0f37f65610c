// The status bar's one plain sentence, from the connection, the device and the changes that wait:
// „Alles gesichert“, „Offline – 3 Änderungen warten auf den Server, sicher auf diesem Gerät“,
// „Server nicht erreichbar – die App funktioniert trotzdem, alles bleibt auf diesem Gerät“. The details
// (server, this device, internet) are shown on demand by StatusBar.
import { m } from '$lib/i18n/index.svelte';
import { localSaveText } from '$lib/i18n/labels';
import type { ConnectionStatus, LocalSaveStatus } from '$lib/state/session.svelte';

export type Tone = 'ok' | 'sync' | 'busy' | 'off' | 'failed';

export interface StatusInput {
  /** null: no conference open. */
  status: ConnectionStatus | null;
  /** The browser says it has a network. */
  online: boolean;
  /** Changes the relay has not confirmed; null when only the fact is known (after a reload). */
  pending: number | null;
  local: LocalSaveStatus | null;
  /** The relay refused this device's link (revoked, expired, unknown): no retry will help. */
  refused?: boolean;
}

export interface StatusSentence {
  tone: Tone;
  /** The first words: what the connection is. */
  lead: string;
  /** „3 Änderungen warten auf den Server“, when some wait. */
  waiting: string | null;
  /** What follows the dash when nothing waits, or after the waiting part. */
  tail: string | null;
}

export function statusSentence({
  status,
  online,
  pending,
  local,
  refused = false
}: StatusInput): StatusSentence {
  const localState = local?.state ?? 'saved';
  if (localState === 'error') {
    return { tone: 'failed', lead: m.local_failedShort(), waiting: null, tail: null };
  }
  if (status === null) {
    return online
      ? { tone: 'ok', lead: m.status_internetOn(), waiting: null, tail: null }
      : { tone: 'off', lead: m.status_offline(), waiting: null, tail: m.status_keptHere() };
  }
  const waiting =
    pending === null ? m.status_pendingEarlier() : pending > 0 ? m.status_pending({ count: pending }) : null;
  const safe = localState === 'saved' ? m.status_safeHere() : localSaveText(localState);
  if (refused) return { tone: 'failed', lead: m.status_refused(), waiting, tail: safe };
  switch (status) {
    case 'saved':
      return { tone: 'ok', lead: m.status_saved(), waiting: null, tail: null };
    case 'synced':
      return { tone: 'sync', lead: m.status_synced(), waiting, tail: waiting ? null : m.status_saving() };
    case 'connecting':
      return { tone: 'busy', lead: m.status_connecting(), waiting, tail: waiting ? safe : null };
    case 'offline':
      return {
        tone: 'off',
        // The browser has a network, so it is the server (or the way to it) that does not answer.
        lead: online ? m.status_unreachable() : m.status_offline(),
        waiting,
        tail: waiting ? safe : m.status_keptHere()
      };
  }
}
