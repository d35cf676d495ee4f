/**
 * Running one compiled module (the learner's code or a checks file): builds
 * the async function, provides `require`/`exports` and the throw markers,
 * and turns whatever escapes into a LearnerError.
 */
import { describeThrown, type ThrowSite } from './describe-thrown.ts';
import type { ErrorPhase, LearnerError } from '../protocol.ts';
import { chain } from '../isolation/intrinsics.ts';
import { makeAsyncFunction } from './stack.ts';
import { MODULE_PARAMS, SOURCE_URLS, type CompiledModule } from './transpile.ts';

/** Remembers the last `throw` that was not caught (set by the markers transpile.ts inserts). */
export class ThrowTracker {
  last: ThrowSite | undefined;
}

export interface LoadedModule {
  /** The module's `exports` object (filled as the module runs). */
  exports: Record<string, unknown>;
  /**
   * Settles when the module body does: resolves with nothing (a promise
   * resolved with an object would consult `then`, which learner code may have
   * planted on Object.prototype), rejects with what the module threw.
   */
  completion: Promise<void>;
}

/**
 * Starts the module. Building the function can fail synchronously with a
 * SyntaxError the engine found and sucrase did not (e.g. a `const` declared
 * twice); that comes back as a LearnerError of `compilePhase`.
 */
export function startModule(
  compiled: CompiledModule,
  modules: Readonly<Record<string, unknown>>,
  throws: ThrowTracker,
  compilePhase: ErrorPhase,
): LoadedModule | LearnerError {
  let fn: (...args: unknown[]) => Promise<unknown>;
  try {
    fn = makeAsyncFunction(MODULE_PARAMS, `${compiled.js}\n//# sourceURL=${SOURCE_URLS[compiled.file]}`);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { phase: compilePhase, name: 'SyntaxError', message, file: compiled.file };
  }
  const exports: Record<string, unknown> = {};
  const require = (name: unknown): unknown => {
    if (typeof name === 'string' && Object.hasOwn(modules, name)) return modules[name];
    // transpile() rejects unknown imports before running; this catches computed ones.
    throw new Error(`Cannot import '${String(name)}': only ${Object.keys(modules).map((m) => `'${m}'`).join(', ')} are available here.`);
  };
  const throwAt = (line: number, column: number): void => {
    throws.last = { file: compiled.file, position: { line, column } };
  };
  const caught = (): void => {
    throws.last = undefined;
  };
  const completion = chain(fn(require, exports, { exports }, throwAt, caught), () => undefined);
  return { exports, completion };
}

export function isLearnerError(value: unknown): value is LearnerError {
  return typeof value === 'object' && value !== null && 'phase' in value && 'message' in value && !(value instanceof Error);
}

/** A thrown value from a module run -> LearnerError, located in whichever source its stack points to. */
export function explain(
  value: unknown,
  phase: ErrorPhase,
  modules: readonly CompiledModule[],
  throws: ThrowTracker,
  environment?: string,
): LearnerError {
  const context = { phase, modules, ...(throws.last ? { lastThrow: throws.last } : {}), ...(environment ? { environment } : {}) };
  return describeThrown(value, context);
}
