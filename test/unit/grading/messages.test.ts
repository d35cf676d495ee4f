/**
 * Every assertion of the expect API says "expected <what the check wants>, got
 * <the learner's value>", never the other way round (issue 18, item 2: a check
 * read "expected a list containing 0, got ["Trouser", …]"), and a value marked
 * revealing never appears in the concealed message.
 */
import { describe, expect as vitestExpect, it } from 'vitest';
import { CheckFailure, expect, formatValue } from 'grading';

function failureOf(assertion: () => void): CheckFailure {
  try {
    assertion();
  } catch (error) {
    vitestExpect(error).toBeInstanceOf(CheckFailure);
    return error as CheckFailure;
  }
  throw new Error('the assertion passed, but it should have failed');
}

// The learner's value, and what the check wants: distinct texts in every case.
const cases: { name: string; actual: unknown; wanted: string; run: (e: ReturnType<typeof expect>) => void }[] = [
  { name: 'toBe', actual: 3, wanted: '5', run: (e) => e.toBe(5, 'the value') },
  { name: 'toEqual', actual: ['learner'], wanted: '["wanted"]', run: (e) => e.toEqual(['wanted'], 'the value') },
  { name: 'toBeCloseTo', actual: 0.25, wanted: '0.75 ± 0.01', run: (e) => e.toBeCloseTo(0.75, 0.01, 'the value') },
  { name: 'toBeGreaterThan', actual: 0.25, wanted: 'more than 0.75', run: (e) => e.toBeGreaterThan(0.75, 'the value') },
  { name: 'toBeGreaterThanOrEqual', actual: 0.25, wanted: 'at least 0.75', run: (e) => e.toBeGreaterThanOrEqual(0.75, 'the value') },
  { name: 'toBeLessThan', actual: 0.75, wanted: 'less than 0.25', run: (e) => e.toBeLessThan(0.25, 'the value') },
  { name: 'toBeLessThanOrEqual', actual: 0.75, wanted: 'at most 0.25', run: (e) => e.toBeLessThanOrEqual(0.25, 'the value') },
  { name: 'toMatch', actual: 'learner text', wanted: 'text matching /wanted/', run: (e) => e.toMatch(/wanted/, 'the value') },
  { name: 'toContain (list)', actual: ['learner'], wanted: 'a list containing "wanted"', run: (e) => e.toContain('wanted', 'the value') },
  { name: 'toContain (text)', actual: 'learner text', wanted: 'text containing "wanted"', run: (e) => e.toContain('wanted', 'the value') },
  { name: 'toBeOneOf', actual: 0, wanted: 'one of ["T-shirt", "Trouser"]', run: (e) => e.toBeOneOf(['T-shirt', 'Trouser'], 'the value') },
  { name: 'toBeTruthy', actual: 0, wanted: 'a value (not false, 0, "", null, undefined or NaN)', run: (e) => e.toBeTruthy('the value') },
];

describe('expected and actual are never swapped', () => {
  it.each(cases)('$name', ({ actual, wanted, run }) => {
    const failure = failureOf(() => run(expect(actual)));
    const learner = formatValue(actual);
    vitestExpect(failure.actual).toBe(learner);
    vitestExpect(failure.expected).toBe(wanted);
    // "the value: expected <wanted>, got <learner>", in that order.
    vitestExpect(failure.message.startsWith(`the value: expected ${wanted}, got ${learner}`)).toBe(true);
  });

  it('covers every assertion of Expectation', () => {
    const methods = Object.getOwnPropertyNames(Object.getPrototypeOf(expect(0))).filter((name) => name.startsWith('to'));
    const tested = new Set(cases.map((c) => c.name.split(' ')[0]));
    vitestExpect(methods.filter((name) => !tested.has(name))).toEqual([]);
  });
});

describe('revealing values', () => {
  const names = ['conv1', 'conv2', 'pool1', 'conv3', 'conv4', 'pool2', 'features', 'dense', 'head'];

  it("reveal: 'never' describes the gap without the expected value", () => {
    const failure = failureOf(() => expect([]).toEqual(names, { what: 'layerNames', reveal: 'never' }));
    vitestExpect(failure.message).toBe('layerNames: expected 9 items starting with "conv1", got 0 items');
    for (const name of names.slice(1)) vitestExpect(failure.message + failure.expected).not.toContain(name);
    vitestExpect(failure.revealed).toBeUndefined();
    vitestExpect(failure.actual).toBe('[]');
  });

  it('reveal: n keeps the full message for later, and the gap names the first wrong item by the learner’s value', () => {
    const mine = [...names.slice(0, 3), 'oops', ...names.slice(4)];
    const failure = failureOf(() => expect(mine).toEqual(names, { what: 'layerNames', reveal: 3 }));
    vitestExpect(failure.message).toBe('layerNames: item 4 of 9 is not the one expected: got "oops"');
    vitestExpect(failure.message).not.toContain('conv3');
    vitestExpect(failure.revealed?.afterAttempts).toBe(3);
    vitestExpect(failure.revealed!.message).toContain('"conv3"');
  });

  it('conceals numbers, limits and allowed values too', () => {
    vitestExpect(failureOf(() => expect(0).toBe(9, { what: 'layerCount', reveal: 'never' })).message).toBe(
      'layerCount: got 0, which is not the value expected',
    );
    vitestExpect(failureOf(() => expect(0.5).toBeGreaterThan(0.6, { reveal: 'never' })).message).not.toContain('0.6');
    vitestExpect(failureOf(() => expect('x').toBeOneOf(['secret'], { reveal: 'never' })).message).not.toContain('secret');
  });

  it('refuses a bad reveal option with a message for the author', () => {
    vitestExpect(() => expect(1).toBe(2, { reveal: 0 })).toThrow(/reveal/);
    vitestExpect(() => expect(1).toBe(2, { reveal: 'sometimes' as never })).toThrow(/reveal/);
  });
});
