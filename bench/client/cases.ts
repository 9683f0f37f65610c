// The client bench's case registry. A case group is one file (`case-*.ts`) that exports a ClientCase: it
// starts its own world (relay + Chromium), seeds what it needs through lib/doc over the relay, measures at
// each CPU slowdown the run asks for, and returns rows. Adding a screen's budget (Landkarte, rounds,
// report …) is one new file and one line in CASES below.
import type { CaseReport, Row } from './report';
import { bytesCase } from './case-bytes';
import { clustersCase } from './case-clusters';
import { landkarteCase } from './case-landkarte';
import { memoryCase } from './case-memory';
import { offlineCase } from './case-offline';
import { poolWeightCase } from './case-pool-weight';
import { reportCase } from './case-report';
import { tableCase } from './case-table';
import { typingCase } from './case-typing';

export interface CaseContext {
  /** One run per measurement, shorter durations (CI). */
  quick: boolean;
  /** Runs per measurement and CPU slowdown. */
  runs: number;
  /** CPU slowdowns to measure at (Emulation.setCPUThrottlingRate), e.g. [1, 4]. */
  throttles: number[];
  /** Write a DevTools CPU profile of the measured steps to bench/results/profiles. */
  profile: boolean;
  log(message: string): void;
}

export interface ClientCase {
  id: string;
  title: string;
  run(ctx: CaseContext): Promise<{ rows: Row[]; notes: string[] }>;
}

export const CASES: ClientCase[] = [
  offlineCase,
  tableCase,
  typingCase,
  bytesCase,
  memoryCase,
  poolWeightCase,
  landkarteCase,
  clustersCase,
  reportCase
];

export type { CaseReport };
