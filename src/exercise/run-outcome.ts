/**
 * What a finished run means for the exercise block: its state, the words for
 * an error and the place to mark in the editor. Pure, so every branch is
 * unit tested; the island only applies the verdict.
 */
import type { CheckResult, LearnerError, RunResult } from '../sandbox/protocol.ts';
import { format, ui } from '../i18n/ui.ts';

export type ExerciseState = 'idle' | 'running' | 'passed' | 'failed' | 'error';

export interface Verdict {
  state: ExerciseState;
  /** Shown in the output panel and announced; absent when the run went well. */
  message?: string;
  /** Where to mark the learner's code. */
  mark?: { line: number; column: number; message: string };
  /** A failed attempt: unlocks the solution under the after-attempt policy. */
  attempt: boolean;
  passed: number;
  total: number;
}

export function formatSeconds(ms: number): string {
  return (ms / 1000).toFixed(ms < 10_000 ? 1 : 0);
}

export function describeError(error: LearnerError, timeLimitMs: number): Pick<Verdict, 'message' | 'mark'> {
  const t = ui.exercise;
  if (error.phase === 'stopped') return { message: t.stopped };
  if (error.phase === 'timeout') return { message: format(t.timedOut, { seconds: formatSeconds(timeLimitMs) }) };
  if (error.phase === 'crash') return { message: `${t.crashLead} ${error.message}`.trim() };

  const inChecks = error.file === 'checks' || error.phase === 'checks';
  const where = error.position;
  const detail = where
    ? format(inChecks ? t.errorInChecksAt : t.errorAt, {
        name: error.name,
        line: where.line,
        column: where.column,
        message: error.message,
      })
    : format(t.errorNoPlace, { name: error.name, message: error.message });
  const lead = error.phase === 'compile' ? t.compileErrorLead : error.phase === 'checks' ? t.checksErrorLead : '';
  const message = lead ? `${lead} ${detail}` : detail;
  // Only positions in the learner's own code can be marked in their editor.
  const mark =
    where && !inChecks ? { line: where.line, column: where.column, message: `${error.name}: ${error.message}` } : undefined;
  return mark ? { message, mark } : { message };
}

export function countChecks(checks: CheckResult[] | undefined): { passed: number; total: number } {
  const list = checks ?? [];
  return { passed: list.filter((check) => check.status === 'pass').length, total: list.length };
}

export function verdictOf(result: RunResult, timeLimitMs: number): Verdict {
  const { passed, total } = countChecks(result.checks);
  if (result.status === 'error') {
    const error = result.error ?? { phase: 'crash', name: 'Error', message: '' };
    const stopped = error.phase === 'stopped';
    return {
      state: stopped ? 'idle' : 'error',
      ...describeError(error, timeLimitMs),
      attempt: !stopped,
      passed,
      total,
    };
  }
  if (total === 0) return { state: 'idle', attempt: false, passed, total };
  const allPass = passed === total;
  return { state: allPass ? 'passed' : 'failed', attempt: !allPass, passed, total };
}
