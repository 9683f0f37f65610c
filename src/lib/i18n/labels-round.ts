// Words for the round's codes: phases and follow-me places. One typed table, like labels.ts.
import type { Phase } from '../model';
import { m } from './index.svelte';

const PHASE: Record<Phase, () => string> = {
  collect: () => m.round_phase_collect(),
  cluster: () => m.round_phase_cluster(),
  vote: () => m.round_phase_vote(),
  harvest: () => m.round_phase_harvest()
};

/** „Ideen sammeln“, „Clustern“, „Bewerten“, „Ernte“. */
export const phaseLabel = (phase: Phase): string => PHASE[phase]();
