/**
 * The Astro integration that makes the validated course config available to
 * pages as `virtual:transfer-lab/course`, and builds the Pagefind search index
 * after the site is built (search needs no server: the index is static files).
 */
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import type { CourseConfig } from '../schemas/course-config.ts';
import { coursePaths } from '../course/load-config.ts';
import { discoverCourse } from '../course/discover.ts';
import { compileProblems } from '../course/compile-sources.ts';

const VIRTUAL_ID = 'virtual:transfer-lab/course';
const RESOLVED_ID = `\0${VIRTUAL_ID}`;

export function courseIntegration(config: CourseConfig): AstroIntegration {
  return {
    name: 'transfer-lab:course',
    hooks: {
      'astro:config:setup': ({ updateConfig }) => {
        updateConfig({
          vite: {
            plugins: [
              {
                name: 'transfer-lab:course-config',
                resolveId: (id: string) => (id === VIRTUAL_ID ? RESOLVED_ID : undefined),
                load: (id: string) =>
                  id === RESOLVED_ID ? `export default ${JSON.stringify(config)};` : undefined,
              },
            ],
          },
        });
      },
      // Problems the content collection cannot see: a lesson folder without index.mdx, an exercise
      // named twice, a starter/solution/checks file that does not compile. Frontmatter errors are
      // left to Astro's own validation, which names the file and the field.
      'astro:build:start': () => {
        const { lessons, problems } = discoverCourse(coursePaths().lessonsDir, config);
        const found = [...problems.filter((problem) => !problem.frontmatter), ...compileProblems(lessons.flatMap((lesson) => lesson.exercises))];
        if (found.length) {
          throw new Error(`The course has ${found.length} problem(s):\n${found.map((p) => `✗ ${p.file}\n  ${p.message.replace(/\n/g, '\n  ')}`).join('\n')}`);
        }
      },
      'astro:build:done': async ({ dir, logger }) => {
        const { createIndex, close } = await import('pagefind');
        const { index, errors } = await createIndex({});
        if (!index) throw new Error(`Pagefind failed: ${errors.join('; ')}`);
        const site = fileURLToPath(dir);
        const added = await index.addDirectory({ path: site });
        if (added.errors.length) throw new Error(`Pagefind failed: ${added.errors.join('; ')}`);
        await index.writeFiles({ outputPath: `${site}/pagefind` });
        await close();
        logger.info(`Search index: ${added.page_count} pages`);
      },
    },
  };
}
