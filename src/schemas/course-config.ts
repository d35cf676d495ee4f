/**
 * The course configuration schema: what a teacher sets in `course.config.ts`.
 * Every field is documented with `.describe()`; the type is derived from the
 * schema and never written twice.
 */
import { z } from 'astro/zod';

export const solutionsPolicy = z
  .enum(['always', 'after-attempt', 'never'])
  .describe(
    '`always`: Show solution is enabled from the start. `after-attempt`: after at least one failed run. `never`: solutions are left out of the built site entirely.',
  );

export const extraModel = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/).describe('Short id naming the model on the model card page. Learners load it with `models.fromUrl({ url, inputShape, cutAt })`, using the fields below.'),
    url: z.string().describe('URL of a TF.js LayersModel `model.json` (absolute, or relative to the site base).'),
    inputShape: z.array(z.number().int().positive()).describe('Input shape without the batch dimension, e.g. [224, 224, 3].'),
    cutAt: z.string().describe('Name of the layer whose output is used as features for a new head.'),
    description: z.string().optional().describe('One line shown on the model card page.'),
  })
  .strict();

export const courseSchema = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9-]+$/, 'lowercase letters, digits and dashes')
      .default('transfer-lab')
      .describe('Identifies saved work: files from "Download my work" carry it, and grading rejects files of another course.'),
    title: z.string().min(1).default('Transfer Learning, step by step').describe('Course title, shown on every page.'),
    description: z
      .string()
      .min(1)
      .default(
        'Learn transfer learning by doing it: load a really pretrained image model, replace its last layer, fine-tune it with a low learning rate and see it work with little data, all in your browser, with the PyTorch equivalent beside every step.',
      )
      .describe('One paragraph on what the course teaches, shown on the home page.'),
    author: z.string().optional().describe('Author or organisation, shown in the footer.'),
    site: z.url().optional().describe('Full URL where the course is hosted, e.g. https://example.edu (used for canonical links).'),
    base: z
      .string()
      .regex(/^\/([\w.-]+\/)*$/, 'a path that starts and ends with "/", e.g. "/" or "/ml-course/"')
      .default('/')
      .describe('Sub-path the site is served under, e.g. "/ml-course/" for GitHub Pages project sites.'),
    lessonOrder: z
      .array(z.string())
      .optional()
      .describe('Lesson slugs (folder names without the number) in the order to show them; unlisted lessons follow in folder order.'),
    hiddenLessons: z.array(z.string()).default([]).describe('Lesson slugs to leave out of the built site.'),
    solutions: solutionsPolicy.default('after-attempt'),
    timeLimitSeconds: z
      .number()
      .positive()
      .max(3600)
      .default(120)
      .describe('Default time limit of one run, in seconds; an exercise may set its own.'),
    extraModels: z.array(extraModel).default([]).describe('More pretrained LayersModels, listed on the model card page; learners load one by its URL with `models.fromUrl(...)`.'),
    footer: z.string().optional().describe('Extra footer text, e.g. a licence line.'),
    serviceWorker: z
      .boolean()
      .default(true)
      .describe(
        'Installs a service worker (src/offline/) that keeps the whole course for offline use after one visit, says when a new version is deployed, and makes the page cross-origin isolated so training uses every core (threaded wasm). `false` leaves it out of the build (and removes one a previous build installed); training then runs on one thread.',
      ),
  })
  .strict();

/** What a teacher writes (defaults may be left out). */
export type CourseConfigInput = z.input<typeof courseSchema>;
/** What the site uses (defaults filled in). */
export type CourseConfig = z.output<typeof courseSchema>;

/** Identity helper that gives teachers completion and type errors in `course.config.ts`. */
export function defineCourse(config: CourseConfigInput): CourseConfigInput {
  return config;
}
