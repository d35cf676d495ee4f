/**
 * What a failed assertion throws. `runChecks` turns it into a failed
 * CheckResult: `message` is what the learner reads, `expected` / `actual`
 * short texts (for the grader's report, and shown beside the message only
 * when the message does not already say them), `revealed` the fuller
 * message held back until the learner has failed the check a few times.
 */
import { NativeError, freeze } from './intrinsics.ts';

export interface FailureDetails {
  /** What the check wanted, as the learner will read it. */
  expected?: string;
  /** What the learner's code produced, as the learner will read it. */
  actual?: string;
  /** A message that gives the answer away, shown only after this many failed runs of the check. */
  revealed?: RevealedFailure;
}

/** The answer-giving version of a failure, for `{ reveal: n }` assertions. */
export interface RevealedFailure {
  /** Failed runs of the check that show the concealed message; later failures show `message`. */
  afterAttempts: number;
  /** The full message, with the expected value. */
  message: string;
  /** The expected value, as text. */
  expected?: string;
}

/** Thrown by a failed assertion; `runChecks` turns it into a failed CheckResult. */
export class CheckFailure extends NativeError {
  override name = 'CheckFailure';
  readonly expected: string | undefined;
  readonly actual: string | undefined;
  readonly revealed: RevealedFailure | undefined;

  constructor(message: string, details: FailureDetails = {}) {
    super(message);
    this.expected = details.expected;
    this.actual = details.actual;
    this.revealed = details.revealed;
  }
}

/** Fails the current check with a message of your own. */
export function fail(message: string, details?: FailureDetails): never {
  throw new CheckFailure(message, details);
}

// Nothing a learner could reach should be patchable.
freeze(CheckFailure.prototype);
freeze(CheckFailure);
