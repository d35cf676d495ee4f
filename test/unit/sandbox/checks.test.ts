import { describe, expect, it } from 'vitest';
import { run, runner } from './helpers.ts';

const PASSING = [
  "import { defineChecks, expect } from 'grading';",
  'export default defineChecks([',
  "  { title: 'answer is 42', test({ exports }) { expect(exports.answer).toBe(42); } },",
  "  { title: 'printed it', hint: 'use console.log', test({ logs }) { expect(logs.map((l) => l.text)).toContain('42'); } },",
  ']);',
].join('\n');

describe('checks', () => {
  it('runs the checks against the run and returns their results', async () => {
    const { result } = await run('export const answer = 42;\nconsole.log(answer);', { checks: PASSING });
    expect(result.status).toBe('ok');
    expect(result.checks?.map((c) => [c.title, c.status])).toEqual([
      ['answer is 42', 'pass'],
      ['printed it', 'pass'],
    ]);
    expect(result.checksMs).toBeGreaterThan(0);
  });

  it('reports failing checks with their hint, the run itself being ok', async () => {
    const { result } = await run('export const answer = 41;', { checks: PASSING });
    expect(result.status).toBe('ok');
    expect(result.checks?.map((c) => c.status)).toEqual(['fail', 'fail']);
    expect(result.checks?.[1]?.hint).toBe('use console.log');
  });

  it('flags the results of hidden checks', async () => {
    const hidden = "import { defineChecks } from 'grading';\nexport default defineChecks([{ title: 'secret', test() {} }]);";
    const { result } = await run('export const answer = 42;\nconsole.log(42);', { checks: PASSING, hiddenChecks: hidden });
    expect(result.checks?.map((c) => [c.title, c.hidden === true])).toEqual([
      ['answer is 42', false],
      ['printed it', false],
      ['secret', true],
    ]);
  });

  it("skips the checks when the code fails (phase 'run', no results)", async () => {
    const { result } = await run("throw new Error('broken');", { checks: PASSING });
    expect(result.error?.phase).toBe('run');
    expect(result.checks).toBeUndefined();
  });

  it("reports a checks file that crashes while loading in phase 'checks', located in checks.ts", async () => {
    const broken = "import { defineChecks } from 'grading';\n\nconst oops = (undefined as any).x;\nexport default defineChecks([]);";
    const { result, logs } = await run("console.log('ran');", { checks: broken });
    expect(logs).toEqual(['ran']);
    expect(result.status).toBe('error');
    expect(result.error).toMatchObject({ phase: 'checks', name: 'TypeError', file: 'checks', position: { line: 3 } });
  });

  it("reports an invalid checks list (defineChecks' own message) in phase 'checks'", async () => {
    const empty = "import { defineChecks } from 'grading';\nexport default defineChecks([]);";
    const { result } = await run('export const a = 1;', { checks: empty });
    expect(result.error).toMatchObject({ phase: 'checks', message: 'defineChecks needs at least one check' });
  });

  it("reports a checks file that does not compile in phase 'checks', after running the code", async () => {
    const { result, logs } = await run("console.log('still ran');", { checks: 'export default [' });
    expect(logs).toEqual(['still ran']);
    expect(result.error).toMatchObject({ phase: 'checks', name: 'SyntaxError', file: 'checks' });
  });

  it('stop() ends a run at once, whatever it awaits', async () => {
    const pending = run('await new Promise(() => {});');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const stoppedAt = performance.now();
    runner.stop();
    const { result } = await pending;
    expect(performance.now() - stoppedAt).toBeLessThan(100);
    expect(result.error).toMatchObject({ phase: 'stopped' });
  });

  it('refuses a second run while one is in progress', async () => {
    const first = run('await new Promise((r) => setTimeout(r, 50));');
    await expect(run('1')).rejects.toThrow(/already in progress/);
    expect((await first).result.status).toBe('ok');
  });
});
