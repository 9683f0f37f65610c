// Words for the conference file: the role levels a file can grant and why a file was refused.
import { m } from '$lib/i18n/index.svelte';
import type { Role } from '$lib/model';

export function fileLevelLabel(role: Role): string {
  if (role === 'facilitator') return m.file_levelFacilitator();
  return role === 'participant' ? m.file_levelParticipant() : m.file_levelViewer();
}

const ERRORS: Record<string, () => string> = {
  foreign: () => m.file_error_foreign(),
  damaged: () => m.file_error_damaged(),
  truncated: () => m.file_error_truncated(),
  newer: () => m.file_error_newer(),
  role: () => m.file_error_role(),
  tooLarge: () => m.file_error_tooLarge(),
  saveFailed: () => m.file_error_saveFailed(),
  unreadable: () => m.file_error_unreadable()
};

/** Why a file was refused, in full (each says that nothing was changed). */
export function fileErrorText(code: string): string {
  return (ERRORS[code] ?? ERRORS.damaged!)();
}
