import { describe, expect, it } from 'vitest';
import { verdictOf, describeError, formatSeconds } from '../../../src/exercise/run-outcome.ts';
import type { CheckResult, RunResult } from '../../../src/sandbox/protocol.ts';

const base: RunResult = {
  status: 'ok',
  backend: 'wasm',
  runMs: 10,
  checksMs: 2,
  tensors: { before: 0, after: 0 },
  droppedLogLines: 0,
};
const check = (status: 'pass' | 'fail'): CheckResult => ({ title: 't', status, durationMs: 1 });

describe('verdictOf', () => {
  it('passes when every check passes', () => {
    expect(verdictOf({ ...base, checks: [check('pass'), check('pass')] }, 1000)).toEqual({
      state: 'passed',
      attempt: false,
      passed: 2,
      total: 2,
    });
  });

  it('fails (and counts as an attempt) when a check fails', () => {
    expect(verdictOf({ ...base, checks: [check('pass'), check('fail')] }, 1000)).toMatchObject({
      state: 'failed',
      attempt: true,
      passed: 1,
      total: 2,
    });
  });

  it('stays idle when there is nothing to grade', () => {
    expect(verdictOf(base, 1000).state).toBe('idle');
  });

  it('marks a runtime error in the learner’s code', () => {
    const verdict = verdictOf(
      {
        ...base,
        status: 'error',
        error: { phase: 'run', name: 'TypeError', message: 'x is undefined', position: { line: 4, column: 7 }, file: 'code' },
      },
      1000,
    );
    expect(verdict).toMatchObject({
      state: 'error',
      attempt: true,
      message: 'TypeError at line 4, column 7: x is undefined',
      mark: { line: 4, column: 7, message: 'TypeError: x is undefined' },
    });
  });

  it('leads a compile error with a plain explanation', () => {
    const verdict = verdictOf(
      { ...base, status: 'error', error: { phase: 'compile', name: 'SyntaxError', message: 'Unexpected token', position: { line: 2, column: 1 } } },
      1000,
    );
    expect(verdict.message).toBe('Your code could not be compiled. SyntaxError at line 2, column 1: Unexpected token');
    expect(verdict.mark?.line).toBe(2);
  });

  it('does not mark the learner’s editor for an error inside the checks', () => {
    const { message, mark } = describeError(
      { phase: 'checks', name: 'Error', message: 'boom', position: { line: 9, column: 3 }, file: 'checks' },
      1000,
    );
    expect(message).toBe('The checks could not run. Error in the checks at line 9, column 3: boom');
    expect(mark).toBeUndefined();
  });

  it('treats Stop as no attempt and a timeout as an error with the limit', () => {
    expect(verdictOf({ ...base, status: 'error', error: { phase: 'stopped', name: 'Stopped', message: '' } }, 1000)).toMatchObject({
      state: 'idle',
      attempt: false,
      message: 'Stopped.',
    });
    const timeout = verdictOf({ ...base, status: 'error', error: { phase: 'timeout', name: 'Timeout', message: '' } }, 30_000);
    expect(timeout.state).toBe('error');
    expect(timeout.message).toMatch(/^Stopped after 30 s/);
  });

  it('handles an error result without details', () => {
    expect(verdictOf({ ...base, status: 'error' }, 1000)).toMatchObject({ state: 'error', attempt: true });
  });

  it('formats seconds', () => {
    expect(formatSeconds(1234)).toBe('1.2');
    expect(formatSeconds(120_000)).toBe('120');
  });
});
