// Asks the browser once to keep this site's storage (navigator.storage.persist) so a facilitator's
// prepared conference is not evicted under storage pressure, and remembers the answer in the device
// database so the UI can tell the facilitator when the browser refused.
import { getSetting, setSetting } from './db';

export type PersistAnswer = 'granted' | 'denied' | 'unsupported';

function isAnswer(value: string | undefined): value is PersistAnswer {
  return value === 'granted' || value === 'denied' || value === 'unsupported';
}

/** The recorded answer, or null when the browser was never asked. */
export async function storagePersistAnswer(): Promise<PersistAnswer | null> {
  const stored = await getSetting('storagePersist');
  return isAnswer(stored) ? stored : null;
}

/**
 * Asks once; later calls return the recorded answer without asking again. A browser that already
 * granted persistence (`persisted()`) is recorded as granted without a prompt.
 */
export async function requestPersistentStorage(
  storage: Pick<StorageManager, 'persist' | 'persisted'> | undefined = globalThis.navigator?.storage
): Promise<PersistAnswer> {
  const known = await storagePersistAnswer();
  if (known === 'granted' || known === 'unsupported') return known;
  if (known === 'denied') {
    // Browsers may grant later (e.g. after the site was installed); re-check silently.
    const now = storage ? await storage.persisted().catch(() => false) : false;
    if (now) await setSetting('storagePersist', 'granted');
    return now ? 'granted' : 'denied';
  }
  let answer: PersistAnswer = 'unsupported';
  if (storage && typeof storage.persist === 'function') {
    const already = await storage.persisted().catch(() => false);
    answer = already || (await storage.persist().catch(() => false)) ? 'granted' : 'denied';
  }
  await setSetting('storagePersist', answer);
  return answer;
}
