/**
 * The lesson frontmatter schema: what a lesson author writes at the top of
 * `lessons/NN-slug/index.mdx`. Every field is documented; the type is derived.
 */
import { z } from 'astro/zod';

export const lessonSchema = z
  .object({
    title: z.string().min(1).describe('Lesson title, shown as the page heading, in the sidebar and in the browser tab.'),
    summary: z.string().min(1).describe('One or two sentences shown under the title on the home page lesson list.'),
    draft: z
      .boolean()
      .default(false)
      .describe('A draft is left out of the built site (a folder whose name starts with "_" is a draft too).'),
    sidebarLabel: z.string().optional().describe('Shorter title for the sidebar, if the title is long.'),
    minutes: z.number().int().positive().optional().describe('Rough time the lesson takes, in minutes.'),
  })
  .strict();

export type LessonFrontmatter = z.output<typeof lessonSchema>;
