import { describe, expect as vitestExpect, it } from 'vitest';
import { defineChecks, expect, runChecks, type Check } from 'grading';
import { fakeContext } from './context.ts';

describe('runChecks', () => {
  it('runs checks in order and reports pass and fail with expected/actual and the hint', async () => {
    const order: string[] = [];
    const checks = defineChecks([
      {
        title: 'The new head outputs 5 classes',
        hint: 'Look at the units of your new dense layer.',
        async test({ exports }) {
          order.push('first');
          const model = expect.exported<{ outputs: { shape: unknown }[] }>(exports, 'model', 'a tf.LayersModel');
          expect(model.outputs[0]!.shape).toEqual([null, 5]);
        },
      },
      {
        title: 'Uses SGD',
        hint: 'tf.train.sgd',
        test: ({ source }) => {
          order.push('second');
          expect(source).toMatch(/sgd\(/, 'uses tf.train.sgd');
        },
      },
    ]);
    const ctx = fakeContext({
      exports: { model: { outputs: [{ shape: [null, 3] }] } },
      source: 'model.compile({ optimizer: tf.train.sgd(0.001) })',
    });
    const results = await runChecks(checks, ctx);
    vitestExpect(order).toEqual(['first', 'second']);
    vitestExpect(results).toHaveLength(2);
    vitestExpect(results[0]).toMatchObject({
      title: 'The new head outputs 5 classes',
      status: 'fail',
      message: 'Expected [null, 5], got [null, 3] (at [1]: expected 5, got 3)',
      expected: '[null, 5]',
      actual: '[null, 3]',
      hint: 'Look at the units of your new dense layer.',
    });
    vitestExpect(results[1]).toEqual({ title: 'Uses SGD', status: 'pass', durationMs: results[1]!.durationMs });
    // No hint on a pass.
    vitestExpect(results[1]).not.toHaveProperty('hint');
    for (const result of results) vitestExpect(result.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('waits for async checks, one at a time', async () => {
    let running = 0;
    let overlap = false;
    const slow = (title: string): Check => ({
      title,
      async test() {
        running++;
        if (running > 1) overlap = true;
        await new Promise((resolve) => setTimeout(resolve, 20));
        running--;
      },
    });
    const results = await runChecks([slow('a'), slow('b'), slow('c')], fakeContext());
    vitestExpect(results.map((r) => r.status)).toEqual(['pass', 'pass', 'pass']);
    vitestExpect(overlap).toBe(false);
    vitestExpect(results[0]!.durationMs).toBeGreaterThanOrEqual(15);
  });

  it('a check that throws something else crashed, with its own message', async () => {
    const results = await runChecks(
      [
        {
          title: 'reads a missing export',
          test: ({ exports }) => {
            (exports.model as { layers: unknown[] }).layers.length;
          },
        },
        {
          title: 'rejects with a string',
          async test() {
            throw 'nope';
          },
        },
        { title: 'still runs after the crashes', test: () => {} },
      ],
      fakeContext(),
    );
    vitestExpect(results[0]!.status).toBe('fail');
    vitestExpect(results[0]!.message).toBe(
      "This check crashed: TypeError: Cannot read properties of undefined (reading 'layers')",
    );
    vitestExpect(results[1]!.message).toBe('This check crashed: "nope"');
    vitestExpect(results[2]!.status).toBe('pass');
  });

  it('a check that never resolves fails after its time limit and the next check still runs', async () => {
    const results = await runChecks(
      [
        { title: 'hangs (own limit)', timeoutMs: 30, test: () => new Promise<void>(() => {}) },
        { title: 'hangs (run limit)', test: () => new Promise<void>(() => {}) },
        { title: 'after', test: () => {} },
      ],
      fakeContext(),
      { timeoutMs: 50 },
    );
    vitestExpect(results[0]).toMatchObject({ status: 'fail', message: 'This check did not finish within 0.03 s' });
    vitestExpect(results[0]!.durationMs).toBeGreaterThanOrEqual(25);
    vitestExpect(results[1]).toMatchObject({ status: 'fail', message: 'This check did not finish within 0.05 s' });
    vitestExpect(results[2]!.status).toBe('pass');
  });

  it('a check that settles after its time limit stays failed', async () => {
    const results = await runChecks(
      [{ title: 'late', timeoutMs: 10, test: () => new Promise<void>((resolve) => setTimeout(resolve, 60)) }],
      fakeContext(),
    );
    await new Promise((resolve) => setTimeout(resolve, 80));
    vitestExpect(results).toHaveLength(1);
    vitestExpect(results[0]!.status).toBe('fail');
  });

  it('marks hidden results and calls onDone once with the same results', async () => {
    const seen: unknown[] = [];
    const results = await runChecks(
      [
        { title: 'a', test: () => {} },
        { title: 'b', hint: 'h', test: () => expect(1).toBe(2) },
      ],
      fakeContext(),
      { hidden: true, onDone: (r) => seen.push(r) },
    );
    vitestExpect(results.every((r) => r.hidden === true)).toBe(true);
    vitestExpect(seen).toEqual([results]);
  });

  it('never rejects, whatever it is given', async () => {
    const weird = [
      null,
      { title: 'no test' },
      { title: 42, test: () => {} },
      { title: 'returns a non-promise object', test: () => ({ then: (ok: () => void) => ok() }) },
      {
        get title(): string {
          throw new Error('boom');
        },
        test: () => {},
      },
    ] as unknown as Check[];
    const results = await runChecks(weird, fakeContext());
    vitestExpect(results.map((r) => [r.title, r.status])).toEqual([
      ['Check 1', 'fail'],
      ['no test', 'fail'],
      ['Check 3', 'pass'],
      ['returns a non-promise object', 'fail'],
      ['Check 5', 'pass'],
    ]);
    vitestExpect(results[3]!.message).toMatch(/^This check crashed: its test returned \{ then: function then \} instead of a Promise or nothing$/);
    const notAList = await runChecks('oops' as unknown as Check[], fakeContext());
    vitestExpect(notAList).toEqual([
      { title: 'Checks', status: 'fail', message: 'The checks could not be read: expected a list, got "oops"', durationMs: 0 },
    ]);
  });

  it('results survive structured cloning (the worker posts them to the page)', async () => {
    const results = await runChecks([{ title: 'x', hint: 'h', test: () => expect([1]).toEqual([2]) }], fakeContext(), {
      hidden: true,
    });
    vitestExpect(structuredClone(results)).toEqual(results);
    vitestExpect(Object.keys(structuredClone(results))).toEqual(['0']);
  });
});
