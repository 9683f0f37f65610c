// The complete JSON export: the snapshot as it is, pretty-printed. `<`, `>` and the line separators
// are written as \u escapes (the same JSON to every parser), so a text like `</script><script>` stays
// inert even where someone pastes the file into an HTML page.

import type { ConferenceExport } from './snapshot';

export function exportToJson(data: ConferenceExport): string {
  const text = JSON.stringify(data, null, 2).replace(
    /[<>\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`
  );
  return `${text}\n`;
}
