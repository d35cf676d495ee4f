/**
 * The one owner of isolation: what keeps a learner's code from reaching the
 * checks or the runtime after its turn. Its methods are the phases of a run,
 * and execute.ts calls them in this order:
 *
 * | phase | call | what happens |
 * | --- | --- | --- |
 * | before the learner's code | `createIsolation()` | (worker) installs the async fence, records the watched built-ins (watched-builtins.ts), the global object and tfjs's machinery (tf-guard.ts) |
 * | the code's turn ends | `seal()` | stops what it left running (fence), notes the first watched built-in it changed, puts everything back |
 * | mid-run, before the runtime's own code (a warning) | `restore()` | notes and puts back, as in `seal()` but the fence stays open |
 * | after the checks | `compare()` | the first recorded thing that changed while the checks ran (so some learner code was still running) |
 * | after the checks | `restore()` | puts everything back |
 *
 * What a change means (src/grading/README.md, "Learner code cannot fake a pass"):
 * - a watched built-in the learner's code changed (`Array.prototype.every`,
 *   `RegExp.prototype.exec`...) fails every check as untrusted, naming it;
 * - tfjs's machinery (Tensor.prototype, engine, backends, kernel registry) and
 *   the global object's other properties are put back quietly: the checks then
 *   compute with the real ones, so a patch there changes nothing they see;
 * - anything on record that changes while the checks run fails every check.
 *
 * The worker isolates everything. The in-process runner (Node) has no fence
 * and leaves the global object and tfjs alone (the test framework shares
 * them): it records, compares and restores the watched built-ins only.
 */
import type * as tfjs from '@tensorflow/tfjs';
import { installAsyncFence } from './async-fence.ts';
import { guard, type Guard, type SnapshotTarget } from './hardening.ts';
import { backendTampering, repairBackends, tfjsTargets, type GuardedClass } from './tf-guard.ts';
import { watchedBuiltins } from './watched-builtins.ts';

export interface Isolation {
  /**
   * The learner's code's turn is over: stops what it left running, puts the
   * built-ins and tfjs back, and returns the first watched built-in it had
   * changed (e.g. "Array.prototype.every"), or undefined. Call once.
   */
  seal(): string | undefined;
  /** Puts everything on record back now (noting a watched built-in changed since, for `seal`). */
  restore(): void;
  /** The first thing on record that is not as recorded now (built-ins, tfjs, backends); undefined when none. */
  compare(): string | undefined;
}

export interface IsolationOptions {
  /** The global object the learner's code runs against (`self` in the worker). */
  scope: typeof globalThis;
  /** Install the async fence (worker only: it replaces the scope's timers, channels and fetch for good). */
  fence?: boolean;
  /** Record and restore the global object's own properties, not only the watched bindings. */
  globals?: boolean;
  /** Guard tfjs's machinery; `classes`: prototypes tfjs does not re-export (the wasm backend's). */
  tf?: { module: typeof tfjs; classes?: readonly GuardedClass[] };
}

export function createIsolation(options: IsolationOptions): Isolation {
  const fence = options.fence ? installAsyncFence(options.scope) : undefined;
  const tf = options.tf?.module;
  // Started now (cheap), so that a switch to cpu during the run uses a backend that is on record.
  tf?.findBackend('cpu');
  const watched: Guard = guard(watchedBuiltins(options.scope));
  const others: SnapshotTarget[] = [];
  if (options.globals) others.push({ object: options.scope, mode: 'existing', name: 'self' });
  if (tf) others.push(...tfjsTargets(tf, options.tf?.classes));
  const rest: Guard = guard(others);
  let noted: string | undefined;
  let sealed = false;

  const restore = (): void => {
    noted ??= watched.firstChange();
    watched.restore();
    rest.restore();
    if (tf) repairBackends(tf);
  };

  return {
    seal() {
      if (!sealed) {
        sealed = true;
        fence?.seal();
      }
      restore();
      return noted;
    },
    restore,
    compare() {
      return watched.firstChange() ?? rest.firstChange() ?? (tf ? backendTampering(tf) : undefined);
    },
  };
}
