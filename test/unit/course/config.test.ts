import { describe, expect, it } from 'vitest';
import { courseSchema } from '../../../src/schemas/course-config.ts';
import { parseWithFriendlyErrors } from '../../../src/schemas/friendly-errors.ts';
import { orderLessons } from '../../../src/course/lesson-order.ts';

describe('course config', () => {
  it('fills documented defaults', () => {
    expect(courseSchema.parse({})).toMatchInlineSnapshot(`
      {
        "base": "/",
        "description": "Learn transfer learning by doing it: load a really pretrained image model, replace its last layer, fine-tune it with a low learning rate and see it work with little data, all in your browser, with the PyTorch equivalent beside every step.",
        "extraModels": [],
        "hiddenLessons": [],
        "id": "transfer-lab",
        "serviceWorker": true,
        "solutions": "after-attempt",
        "timeLimitSeconds": 120,
        "title": "Transfer Learning, step by step",
      }
    `);
  });

  it('names the field and what was expected when a value is wrong', () => {
    expect(() => parseWithFriendlyErrors(courseSchema, { solutions: 'sometimes', base: 'ml-course' }, 'course.config.ts')).toThrow(
      /Invalid course\.config\.ts:\n- base: .*starts and ends with "\/".*\(found "ml-course"\)\n- solutions: .*"always".*"after-attempt".*"never".*\(found "sometimes"\)/,
    );
  });

  it('rejects unknown fields, so a typo does not pass silently', () => {
    expect(() => parseWithFriendlyErrors(courseSchema, { tittle: 'x' }, 'course.config.ts')).toThrow(/tittle/);
  });
});

describe('lesson order', () => {
  const lessons = ['02-b', '01-a', '10-j', '03-c'].map((folder) => ({ folder, slug: folder.slice(3) }));

  it('sorts folders by number, numerically', () => {
    expect(orderLessons(lessons, { hiddenLessons: [] }).map((l) => l.slug)).toEqual(['a', 'b', 'c', 'j']);
  });

  it('puts lessonOrder first and leaves hidden lessons out', () => {
    expect(orderLessons(lessons, { lessonOrder: ['j', 'b'], hiddenLessons: ['c'] }).map((l) => l.slug)).toEqual(['j', 'b', 'a']);
  });
});
