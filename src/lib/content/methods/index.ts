// The Werkzeugkasten: method cards written by us, in German and English. Each card is also a template:
// adding it to the programme creates its items (phases with their durations). Loaded only on the
// Werkzeugkasten pages (a participant's phone never loads it before).

import type { TemplateItem } from '../../model';
import type { Lang } from '../localized';
import type { MethodCard } from './card';
import { CREATIVE } from './creative';
import { LARGE_GROUP } from './large-group';
import { PARTICIPATION } from './participation';

export type { MethodCard } from './card';

/** Every card, in the order the Werkzeugkasten lists them. */
export const METHOD_CARDS: readonly MethodCard[] = [...LARGE_GROUP, ...PARTICIPATION, ...CREATIVE];

export const methodById = (id: string): MethodCard | undefined => METHOD_CARDS.find((c) => c.id === id);

/** The card's phases in one language, as programme items on one day. */
export function methodItems(card: MethodCard, lang: Lang): TemplateItem[] {
  return card.phases.map((phase) => ({
    kind: phase.kind,
    title: phase.title[lang],
    duration: phase.duration,
    method: card.id
  }));
}
