/**
 * What every bench section gets: a browser, the built site being served, the
 * course's exercises, and how many repetitions to make. The CLI (bench/run.ts)
 * builds one; the smoke test builds a small one against the e2e harness.
 */
import type { Browser } from 'playwright-core';
import type { CourseExercise } from '../../src/course/discover.ts';
import type { BackendName } from '../../src/sandbox/protocol.ts';

export interface BenchContext {
  browser: Browser;
  /** The served built site, base path included, ending with "/". */
  siteUrl: string;
  /** The built site on disk (to size files by their compressed bytes). */
  distDir: string;
  /** Base path of the site (e.g. "/" or "/ml-course/"). */
  base: string;
  exercises: CourseExercise[];
  backends: readonly BackendName[];
  /** Repetitions of each timed run. */
  runs: number;
  /** Small sizes everywhere (the smoke test and `npm run bench:quick`). */
  quick: boolean;
  /** The layer the lessons put their new head on; the probes and PyTorch cut the base there too. */
  cutAt: string;
  log(line: string): void;
}
