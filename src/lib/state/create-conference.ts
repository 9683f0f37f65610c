// Creating a conference on this device, with or without a connection: validate and write the
// conference info and default Handlungsfelder, check they reached IndexedDB, make the three role
// tokens, and remember the conference (unregistered) in the device database. The relay learns about it
// when the session first reaches it (Connection registers with the token hashes).
import { createConferenceDocs, destroyConferenceDocs, initConference, type InfoPatch } from '../doc';
import { makeToken, newRoomId, type CommandError, type Result, type RoomId } from '../model';
import { putConference } from '../persistence/db';
import { DocStore } from '../persistence/doc-store';
import { docStoreNames } from '../persistence/store-names';

export interface NewConferenceInput {
  title: string;
  region?: string;
  startDate?: string | null;
  endDate?: string | null;
  venue?: string;
}

export type CreateError = CommandError | 'alreadyInitialized' | 'saveFailed';

export async function createConference(
  input: NewConferenceInput,
  now = Date.now()
): Promise<Result<RoomId, CreateError>> {
  const roomId = newRoomId();
  const docs = createConferenceDocs(roomId);
  const info: InfoPatch & { title: string } = {
    title: input.title,
    region: input.region ?? '',
    venue: input.venue ?? '',
    startDate: input.startDate ?? null,
    endDate: input.endDate ?? null
  };
  // Validate on documents that are not stored yet, so a rejected form leaves nothing behind.
  const init = initConference(docs.control, info);
  if (!init.ok) {
    destroyConferenceDocs(docs);
    return init;
  }
  const names = docStoreNames(roomId);
  const stores = [new DocStore(names.shared, docs.shared), new DocStore(names.control, docs.control)];
  try {
    const loaded = await Promise.all(stores.map((s) => s.whenLoaded));
    const stored = loaded.every(Boolean) && (await Promise.all(stores.map((s) => s.verify()))).every(Boolean);
    if (!stored) return { ok: false, error: 'saveFailed' };
    await putConference({
      roomId,
      title: info.title.trim(),
      role: 'facilitator',
      token: makeToken('facilitator'),
      shareTokens: { participant: makeToken('participant'), viewer: makeToken('viewer') },
      createdAt: now,
      lastOpenedAt: now,
      lastSyncedAt: 0,
      registered: false
    });
    return { ok: true, value: roomId };
  } catch {
    return { ok: false, error: 'saveFailed' };
  } finally {
    await Promise.all(stores.map((s) => s.destroy()));
    destroyConferenceDocs(docs);
  }
}
