/**
 * Where `show` sends its views during a run. The sandbox sets the sink for the
 * learner's run (src/sandbox/worker/show-recorder.ts) and clears it after;
 * without one (lab in a Node script) `show` checks its input and draws nothing.
 *
 * Not exported from `lab`'s index: learner code imports `lab`, the sandbox imports this file.
 */
import type { ShowKind, ShowView } from './show-views.ts';

export interface ShowSink {
  /**
   * Asked before a view is built: false when the run has shown all it may (the count cap).
   * A refused call costs only this question, so a flood of `show` calls stays cheap.
   */
  admit(kind: ShowKind): boolean;
  /** A built view, within its own caps. */
  deliver(view: ShowView): void;
}

let active: ShowSink | null = null;

/** Sets (or, with null, clears) the sink of the current run. */
export function setShowSink(sink: ShowSink | null): void {
  active = sink;
}

export function currentShowSink(): ShowSink | null {
  return active;
}
