/**
 * The schemas are documentation (the teacher guide prints them): every
 * `models.<name>(` or `datasets.<name>(` a description mentions must be a
 * function `lab` really has. `models.fromCourse("<id>")` was documented once
 * and never existed.
 */
import { readFileSync } from 'node:fs';
import * as lab from 'lab';
import { describe, expect, it } from 'vitest';

const SCHEMAS = ['src/schemas/course-config.ts', 'src/schemas/lesson.ts'];

describe('schema descriptions name the real lab API', () => {
  for (const file of SCHEMAS) {
    it(file, () => {
      const text = readFileSync(file, 'utf8');
      const named = [...text.matchAll(/\b(models|datasets)\.(\w+)\(/g)].map((m) => [m[1]!, m[2]!] as const);
      for (const [group, name] of named) {
        const api = (lab as unknown as Record<string, Record<string, unknown>>)[group];
        expect(typeof api?.[name], `${file}: ${group}.${name}()`).toBe('function');
      }
    });
  }

  it('mentions the way learners load an extra model', () => {
    expect(readFileSync('src/schemas/course-config.ts', 'utf8')).toContain('models.fromUrl(');
  });
});
