/**
 * Notices when the learner's code has replaced a built-in that checks rely on.
 *
 * The grader's own assertions use private copies of built-ins (intrinsics.ts),
 * but a check's test body is ordinary code: `history.loss.every(...)`,
 * `await tensor.data()`, `Math.max(...)`. If learner code replaced
 * `Array.prototype.every` or `Promise.prototype.then`, such a test could pass
 * when it should not. So at module load we record the watched built-ins, and
 * before and after each check we compare: any property added, removed or
 * replaced fails the check, naming what changed.
 *
 * The list and the record are the sandbox's (src/sandbox/isolation/
 * watched-builtins.ts, hardening.ts): the same objects the runtime compares
 * when the learner's code ends. Only replacement counts: freezing a built-in
 * (making it read-only) is harmless.
 */
import { guard } from '../sandbox/isolation/hardening.ts';
import { watchedBuiltins } from '../sandbox/isolation/watched-builtins.ts';

const record = guard(watchedBuiltins(globalThis));

/**
 * Returns the name of the first built-in that differs from module load
 * (e.g. "Array.prototype.every", "Object.prototype.then (added)", "Promise"),
 * or undefined when all are intact.
 */
export function findReplacedBuiltin(): string | undefined {
  return record.firstChange();
}
