/**
 * `npm run dev` for teachers: exercises run, and editing a lesson shows at once.
 *
 * - The sandbox worker's dependencies (TensorFlow.js, sucrase, zod…) are reached only through
 *   `new Worker(new URL('…/worker/entry.ts', import.meta.url))`, which Vite's dependency scanner
 *   does not follow, and Monaco only through the island's dynamic import. Discovered late, they
 *   made the optimizer run again in the middle of the first run: new hashes, a page reload, and a
 *   worker importing stale optimized files (504 "Outdated Optimize Dep"). The worker entry and
 *   the island are given to the scanner as entries, so every dependency is optimized before the
 *   first page is served.
 * - An exercise's starter.ts, solution.ts and checks.ts are read by `<Exercise>` with `readFileSync`,
 *   so Vite does not know a page depends on them: a change to any `.ts` file in the lessons folder
 *   reloads the open pages (the MDX is the content collection's, which Astro already reloads).
 * - Build outputs and scratch folders (`.tmp/`, `dist/`: other builds and tests) are not watched,
 *   except the lessons folder and the caches of this server (a test's fixture course lives in .tmp/).
 *
 * Production builds are not affected.
 */
import type { AstroIntegration } from 'astro';
import { relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The browser modules the dependency scanner starts from, besides Astro's pages and components. */
export const DEV_SCAN_ENTRIES = ['src/sandbox/worker/entry.ts', 'src/exercise/island.ts'];

/** Build outputs and scratch folders of tests and other tools: a change there is never a lesson edit. */
const UNWATCHED = /[\\/](\.tmp|dist|\.git)([\\/]|$)/;

function isInside(dir: string, path: string): boolean {
  const inside = relative(dir, resolve(path));
  return inside === '' || (!inside.startsWith('..') && !inside.startsWith(sep));
}

export function devLessonsIntegration(lessonsDir: string): AstroIntegration {
  const lessons = resolve(lessonsDir);
  return {
    name: 'transfer-lab:dev-lessons',
    hooks: {
      'astro:config:setup': ({ command, config, updateConfig, logger }) => {
        if (command !== 'dev') return;
        const viteCache = process.env.TL_OUT_DIR ? resolve(`${process.env.TL_OUT_DIR}-vite`) : undefined;
        // Watched even inside .tmp/: the lessons, and Astro's own cache (its content layer writes there and reads it back).
        const kept = [lessons, fileURLToPath(config.cacheDir), ...(viteCache ? [viteCache] : [])];
        updateConfig({
          vite: {
            optimizeDeps: { entries: DEV_SCAN_ENTRIES },
            // A fixture course (TL_OUT_DIR set, as in the browser tests) gets its own optimizer cache,
            // so two dev servers never rewrite each other's optimized dependencies.
            ...(viteCache ? { cacheDir: viteCache } : {}),
            server: { watch: { ignored: (path: string) => UNWATCHED.test(path) && !kept.some((dir) => isInside(dir, path) || isInside(path, dir)) } },
            plugins: [
              {
                name: 'transfer-lab:reload-exercise-files',
                configureServer(server) {
                  server.watcher.add(lessons);
                  const reload = (file: string) => {
                    if (!isInside(lessons, file) || !file.endsWith('.ts')) return;
                    logger.info(`${relative(lessons, file).split(sep).join('/')} changed: reloading the page`);
                    server.ws.send({ type: 'full-reload', path: '*' });
                  };
                  server.watcher.on('change', reload);
                  server.watcher.on('add', reload);
                  server.watcher.on('unlink', reload);
                },
              },
            ],
          },
        });
      },
    },
  };
}
