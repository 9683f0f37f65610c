// Suggestions for the Marktplatz: where one initiative offers what another looks for. Words of „Wir
// suchen …“ and „Wir bieten …“ are compared after a light German stemming (lower case, umlauts folded,
// common endings cut, stop words dropped); a shared Handlungsfeld counts too. Each suggestion carries its
// reason (the matching words and fields), so a facilitator can judge it before turning it into a
// cooperation. Pure functions; an inverted index keeps 500 initiatives quick, and a word offered by more
// than a fifth of the initiatives is too common to suggest anything.

import type { FieldId, InitiativeId } from './ids';
import type { Cooperation, Initiative } from './initiative';

export interface MatchSuggestion {
  /** The initiative that looks for something … */
  seeker: InitiativeId;
  /** … and the one that offers it. */
  offerer: InitiativeId;
  /** The words (as the offer writes them) that matched. */
  words: string[];
  fields: FieldId[];
  score: number;
}

const STOP = new Set(
  'aber alle allem allen aller alles auch auf aus bei beim bin bis das dass dem den der des die dies diese diesem diesen dieser doch dort durch ein eine einem einen einer eines fuer gibt hat hier ihr ihre ist jede jeden jeder mehr mit nach nicht noch nur oder sich sie sind uns und unser unsere viel viele vom von vor was weil wenn wer wie wir wird zum zur zwischen etwas gerne immer'.split(
    ' '
  )
);
const ENDINGS = ['ungen', 'innen', 'ung', 'en', 'er', 'es', 'e', 'n', 's'];

/** A word's stem for matching: „Helfende“, „helfen“ and „Helfer“ meet at „helf“. */
export function stem(word: string): string {
  let w = word.toLowerCase().replace(/ä/g, 'a').replace(/ö/g, 'o').replace(/ü/g, 'u').replace(/ß/g, 'ss');
  for (const ending of ENDINGS) {
    if (w.length - ending.length >= 4 && w.endsWith(ending)) {
      w = w.slice(0, -ending.length);
      break;
    }
  }
  if (w.endsWith('end') && w.length > 6) w = w.slice(0, -3);
  return w;
}

/** Stem → the first form it was written in, for the words of a text worth matching. */
export function stems(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const word of text.match(/[\p{L}\p{N}]+/gu) ?? []) {
    if (word.length < 4) continue;
    const folded = word.toLowerCase().replace(/ü/g, 'ue');
    if (STOP.has(folded) || STOP.has(word.toLowerCase())) continue;
    const s = stem(word);
    if (!out.has(s)) out.set(s, word);
  }
  return out;
}

const pairKey = (a: string, b: string): string => (a < b ? `${a} ${b}` : `${b} ${a}`);

/**
 * Offers that meet needs, best first, leaving out pairs that already have a cooperation. At most `limit`
 * suggestions; ties in score by the seeker's and the offerer's id, so every device lists the same.
 */
export function suggestMatches(
  initiatives: readonly Initiative[],
  cooperations: readonly Cooperation[] = [],
  limit = 50
): MatchSuggestion[] {
  const taken = new Set(cooperations.map((c) => pairKey(c.a, c.b)));
  const offers = new Map<string, { id: InitiativeId; word: string }[]>();
  for (const i of initiatives) {
    for (const [s, word] of stems(i.offers)) {
      let list = offers.get(s);
      if (!list) offers.set(s, (list = []));
      list.push({ id: i.id, word });
    }
  }
  // A word half the region offers says nothing about a pair (and would make the search quadratic).
  const common = Math.max(10, Math.ceil(initiatives.length / 5));
  for (const [s, list] of offers) if (list.length > common) offers.delete(s);
  const byId = new Map(initiatives.map((i) => [i.id, i]));
  const found: MatchSuggestion[] = [];
  for (const seeker of initiatives) {
    const hits = new Map<InitiativeId, string[]>();
    for (const s of stems(seeker.needs).keys()) {
      for (const { id, word } of offers.get(s) ?? []) {
        if (id === seeker.id || taken.has(pairKey(id, seeker.id))) continue;
        let words = hits.get(id);
        if (!words) hits.set(id, (words = []));
        words.push(word);
      }
    }
    for (const [offerer, words] of hits) {
      const fields = seeker.fieldIds.filter((f) => byId.get(offerer)!.fieldIds.includes(f));
      found.push({ seeker: seeker.id, offerer, words, fields, score: words.length * 2 + fields.length });
    }
  }
  return found
    .sort(
      (a, b) =>
        b.score - a.score ||
        (a.seeker < b.seeker ? -1 : a.seeker > b.seeker ? 1 : a.offerer < b.offerer ? -1 : 1)
    )
    .slice(0, limit);
}
