/**
 * The checks API lesson authors grade exercises with (documented in README.md).
 *
 *   import { defineChecks, expect } from 'grading';
 *   export default defineChecks([{ title: '...', test({ exports }) { ... } }]);
 *
 * Pure TypeScript: no DOM, no tfjs import at run time. It runs in the sandbox
 * worker after the learner's code, and in Node for tests and teacher tools.
 * Import it before any learner code runs: it keeps private copies of the
 * built-ins it uses (see intrinsics.ts).
 */
export { defineChecks } from './define.ts';
export type { Check, CheckContext, FitRecord, LabLibrary, LogEntry } from './define.ts';
export { expect, fail, CheckFailure, Expectation } from './expect.ts';
export { testImagesUnseen } from './data-checks.ts';
export type { TestImagesUnseenOptions } from './data-checks.ts';
export type { AssertOptions, FailureDetails, Label, RevealedFailure } from './expect.ts';
export {
  UNCHANGED_TOLERANCE,
  feedsInto,
  findLayer,
  inputsOf,
  isPretrained,
  lastLayer,
  optimizerOf,
  weightChange,
} from './model-checks.ts';
export type { ChangedOptions, OptimizerFacts, UnchangedOptions, WeightChangeOptions } from './model-checks.ts';
export { runChecks, DEFAULT_CHECK_TIMEOUT_MS } from './run.ts';
export type { RunChecksOptions } from './run.ts';
export { formatValue } from './format.ts';
export { findReplacedBuiltin } from './integrity.ts';
export type { CheckResult } from './contract.ts';
