// THE hook for "the conference file as a last copy": the one place the conference file export (issue 14,
// built beside this) is wired to the notice a device shows when its conference was deleted on the relay
// (lib/ui/conference/DeletedNotice.svelte). Null until that export exists: the notice then offers only to
// keep the copy on this device or to remove it. The integrator sets it to a function that downloads the
// conference file of the open session and resolves true once the download was handed to the browser.
import type { ConferenceSession } from './session.svelte';

export type LastCopySaver = (session: ConferenceSession) => Promise<boolean>;

export const saveConferenceFileAsLastCopy: LastCopySaver | null = null;
