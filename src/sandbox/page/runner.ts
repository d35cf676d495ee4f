/**
 * The page-side face of the sandbox. The exercise UI talks only to a `Runner`;
 * the browser implementation runs code in a Web Worker, the in-process one
 * (for Node tests and the teacher's tools) runs it in the same thread.
 */
import type { RunEvent, RunRequest, RunResult } from '../protocol.ts';

/** Events the UI receives while a run is under way (defined in protocol.ts, re-exported for the UI). */
export type { RunEvent };

export interface RunOptions {
  /** Called for every log line, fit progress and backend notice, in order. */
  onEvent?: (event: RunEvent) => void;
  /** Aborting stops the run (the worker is terminated); the promise then resolves with an error of phase 'stopped'. */
  signal?: AbortSignal;
}

export interface Runner {
  /**
   * Runs learner code (and checks, if given) once, in a clean sandbox.
   * Never rejects for anything the learner's code does: failures come back
   * as `{ status: 'error', error }`. Only a misuse of the runner itself rejects.
   */
  run(request: Omit<RunRequest, 'id'>, options?: RunOptions): Promise<RunResult>;
  /** Ends the current run, if any, within a second, whatever the code does. */
  stop(): void;
  /** Frees the worker(s); the runner cannot be used afterwards. */
  dispose(): void;
}
