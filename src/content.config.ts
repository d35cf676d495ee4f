/**
 * The lessons collection: one folder per lesson under `lessons/` (or
 * TL_LESSONS_DIR), numbered for order: `01-what-is-transfer-learning/index.mdx`.
 * A folder whose name starts with "_" is a draft and is not loaded.
 */
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { lessonSchema } from './schemas/lesson.ts';
import { coursePaths } from './course/load-config.ts';

const lessons = defineCollection({
  loader: glob({
    pattern: ['[!_]*/index.mdx'],
    base: coursePaths().lessonsDir,
    // The folder name is the id: "01-what-is-transfer-learning".
    generateId: ({ entry }) => entry.split('/')[0]!,
  }),
  schema: lessonSchema,
});

export const collections = { lessons };
