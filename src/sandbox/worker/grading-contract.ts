/**
 * The runtime's side of the contract with src/grading, which owns the check
 * context types. The runtime fills a `CheckContext` and calls `runChecks`;
 * it reaches the grading module through an injected value (the worker's
 * import, or the in-process runner's option), checked with `isGradingModule`.
 */
import type { CheckContext, FitRecord, LogEntry } from '../../grading/index.ts';
import type { CheckResult } from '../protocol.ts';

export type { CheckContext, FitRecord, LogEntry };

/** The part of the grading module the runtime calls. */
export interface GradingModule {
  runChecks(
    checks: readonly never[],
    ctx: CheckContext,
    opts?: { timeoutMs?: number; hidden?: boolean },
  ): Promise<CheckResult[]>;
  DEFAULT_CHECK_TIMEOUT_MS?: number;
}

export function isGradingModule(value: unknown): value is GradingModule {
  return typeof value === 'object' && value !== null && typeof (value as GradingModule).runChecks === 'function';
}
