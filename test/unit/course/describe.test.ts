import { describe, expect, it } from 'vitest';
import { describeFields } from '../../../src/schemas/describe.ts';
import { courseSchema } from '../../../src/schemas/course-config.ts';
import { lessonSchema } from '../../../src/schemas/lesson.ts';

describe('schema reference tables', () => {
  it('document every course config field with its type, default and description', () => {
    const rows = describeFields(courseSchema);
    expect(rows.map((row) => row.name)).toEqual(Object.keys(courseSchema.shape));
    for (const row of rows) expect(row.description, row.name).not.toBe('');
    expect(rows.find((row) => row.name === 'solutions')).toMatchObject({
      type: '"always" | "after-attempt" | "never"',
      required: false,
      defaultValue: '"after-attempt"',
    });
    expect(rows.find((row) => row.name === 'hiddenLessons')).toMatchObject({ type: 'string[]', defaultValue: '[]' });
  });

  it('document every lesson frontmatter field', () => {
    const rows = describeFields(lessonSchema);
    expect(rows.find((row) => row.name === 'title')).toMatchObject({ type: 'string', required: true });
    expect(rows.find((row) => row.name === 'draft')).toMatchObject({ type: 'boolean', required: false, defaultValue: 'false' });
    for (const row of rows) expect(row.description, row.name).not.toBe('');
  });
});
