import { describe, expect, it } from 'vitest';
import { defineChecks } from 'grading';

const test = (): void => {};

describe('defineChecks', () => {
  it('returns the checks, frozen, in order', () => {
    const checks = defineChecks([
      { title: 'First', test },
      { title: 'Second', hint: 'h', timeoutMs: 500, test },
    ]);
    expect(checks.map((c) => c.title)).toEqual(['First', 'Second']);
    expect(checks[1]).toMatchObject({ hint: 'h', timeoutMs: 500 });
    expect(Object.isFrozen(checks)).toBe(true);
    expect(Object.isFrozen(checks[0])).toBe(true);
  });

  it('refuses an empty list', () => {
    expect(() => defineChecks([])).toThrow('defineChecks needs at least one check');
  });

  it('refuses empty and duplicate titles, naming the check', () => {
    expect(() => defineChecks([{ title: '  ', test }])).toThrow('check 1 has no title');
    expect(() =>
      defineChecks([
        { title: 'Same', test },
        { title: 'Same', test },
      ]),
    ).toThrow('check 2 ("Same") has the same title as an earlier check');
  });

  it('refuses a missing test, a non-string hint and a bad timeout, listing every problem', () => {
    const broken = [
      { title: 'No test' },
      { title: 'Bad hint', hint: 3, test },
      { title: 'Bad timeout', timeoutMs: -1, test },
    ] as unknown as Parameters<typeof defineChecks>[0];
    expect(() => defineChecks(broken)).toThrow(
      'defineChecks: check 1 ("No test") has no test function; check 2 ("Bad hint"): hint must be a string; ' +
        'check 3 ("Bad timeout"): timeoutMs must be a positive number of milliseconds',
    );
  });

  it('refuses something that is not a list', () => {
    expect(() => defineChecks({ title: 'x', test } as unknown as Parameters<typeof defineChecks>[0])).toThrow(
      /expects a list of checks/,
    );
  });
});
