/** <CheckValue>'s build-time reading of a lesson's checks.ts: values, formats, and errors naming the lesson. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkValue, formatCheckValue, readCheckValues } from '../../../src/mdx/check-values.ts';

const LESSON_4 = resolve(import.meta.dirname, '../../../lessons/04-fine-tune-the-model');

describe('<CheckValue>', () => {
  it('reads the thresholds lesson 4 defines once', () => {
    expect(checkValue(LESSON_4, 'ACCURACY_THRESHOLD', { as: 'percent' })).toBe('60%');
    expect(checkValue(LESSON_4, 'MAX_WEIGHT_CHANGE', { as: 'percent' })).toBe('10%');
    expect(checkValue(LESSON_4, 'MAX_FINE_TUNE_LEARNING_RATE')).toBe('0.001');
  });

  it('takes literal top-level consts only, and formats them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tl-check-values-'));
    const file = join(dir, 'checks.ts');
    writeFileSync(
      file,
      "const A = 0.65;\nconst B = -2;\nconst C = 'dense' as const;\nconst D = 1_000;\nconst E = A * 2;\nlet F = 3;\nfunction g() { const H = 1; }\n",
    );
    expect([...readCheckValues(file)]).toEqual([
      ['A', 0.65],
      ['B', -2],
      ['C', 'dense'],
      ['D', 1000],
    ]);
    expect(formatCheckValue(0.655, 'percent')).toBe('65.5%');
    expect(formatCheckValue(1000)).toBe('1,000');
  });

  it('fails naming the lesson, the checks file and the values it has', () => {
    expect(() => checkValue(LESSON_4, 'ACCURACY')).toThrow(
      /lessons\/04-fine-tune-the-model\/index\.mdx: <CheckValue name="ACCURACY" \/>: lessons\/04-fine-tune-the-model\/checks\.ts has no top-level `const ACCURACY = <number or text>`\. It has: ACCURACY_THRESHOLD, MAX_WEIGHT_CHANGE/,
    );
    expect(() => checkValue(LESSON_4, 'ACCURACY_THRESHOLD', { as: 'percentage' as never })).toThrow(/as is "number", "percent" or "text"/);
  });
});
