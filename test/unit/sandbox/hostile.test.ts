/**
 * Learner code that vandalises the built-ins the runtime and the checks rely
 * on. Run through executeRun with the worker's isolation (bar the fence and tfjs).
 */
import * as tf from '@tensorflow/tfjs';
import * as grading from 'grading';
import { describe, expect, it } from 'vitest';
import { executeRun } from '../../../src/sandbox/worker/execute.ts';
import { createIsolation } from '../../../src/sandbox/isolation/isolation.ts';
import type { RunResult } from '../../../src/sandbox/protocol.ts';

const CHECKS = [
  "import { defineChecks, expect } from 'grading';",
  "export default defineChecks([{ title: 'answer', test({ exports }) { expect(exports.answer).toBe(42); } }]);",
].join('\n');

function runHostile(code: string): Promise<RunResult> {
  return executeRun(
    { id: 1, exercise: 'test/hostile', code, checks: CHECKS, backend: 'cpu', timeLimitMs: 5000, assetBase: '/' },
    {
      tf,
      grading,
      backend: 'cpu',
      emit: () => {},
      console: globalThis.console,
      watchAsyncErrors: () => () => {},
      isolation: createIsolation({ scope: globalThis, globals: true }),
      enforceTimeLimit: true,
    },
  );
}

describe('hostile learner code', () => {
  // Breaking Array.prototype.push or Promise.prototype.then is covered in Chromium only:
  // the test runner shares this thread and uses them while the learner code runs.
  it('a thenable Object.prototype does not hang the run, and fails the checks as untrusted', async () => {
    const result = await runHostile('(Object.prototype as any).then = function () {};\nexport const answer = 42;');
    expect(Object.prototype.hasOwnProperty('then')).toBe(false);
    expect(result.status).toBe('ok');
    expect(result.checks?.map((c) => c.status)).toEqual(['fail']);
    expect(result.checks?.[0]?.message).toBe(
      'This check cannot be trusted: your code replaced the built-in `Object.prototype.then (added)`. Remove that change and run again.',
    );
  });

  it('a forged result cannot come from JSON or Object.is replacements', async () => {
    const result = await runHostile('(Object as any).is = () => true;\nJSON.stringify = () => "42";\nexport const answer = 7;');
    expect(result.checks?.map((c) => c.status)).toEqual(['fail']);
  });
});
