// The shape of a method card and the helper that writes its phases (the cards: the other files here).

import type { ItemKind } from '../../model';
import type { Localized } from '../localized';

export interface Phase {
  kind: ItemKind;
  title: Localized;
  duration: number;
}

export interface MethodCard {
  id: string;
  name: Localized;
  purpose: Localized;
  groupSize: Localized;
  time: Localized;
  setup: Localized;
  steps: Localized<string[]>;
  materials: Localized<string[]>;
  tips: Localized<string[]>;
  phases: Phase[];
}

export const p = (kind: ItemKind, de: string, en: string, duration: number): Phase => ({
  kind,
  title: { de, en },
  duration
});
