// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { coursePaths, loadCourseConfig } from './src/course/load-config.ts';
import { courseIntegration } from './src/integrations/course-build.ts';
import { devLessonsIntegration } from './src/integrations/dev-lessons.ts';
import { offlineIntegration } from './src/offline/integration.ts';
import { monacoCssPlugin } from './src/editor/monaco-css-plugin.ts';
import { CODE_THEMES } from './src/styles/code-themes.ts';

const course = await loadCourseConfig();

export default defineConfig({
  site: course.site,
  base: course.base,
  trailingSlash: 'always',
  // Tests build fixture courses side by side: each gets its own output and cache.
  outDir: process.env.TL_OUT_DIR ?? './dist',
  cacheDir: process.env.TL_OUT_DIR ? `${process.env.TL_OUT_DIR}-cache` : './node_modules/.astro',
  // offlineIntegration after courseIntegration: the service worker precaches the search index it writes.
  integrations: [mdx(), courseIntegration(course), offlineIntegration(course), devLessonsIntegration(coursePaths().lessonsDir)],
  build: { format: 'directory' },
  // The seed dialogue is quoted verbatim: no curly quotes or dashes substituted.
  markdown: { smartypants: false, shikiConfig: { themes: CODE_THEMES } },
  vite: {
    worker: { format: 'es' },
    // Monaco's CSS is applied when Monaco loads, not linked in every exercise page's head (src/editor/monaco-css.ts).
    plugins: [monacoCssPlugin()],
    // Dev-only dependency optimization is set up in src/integrations/dev-lessons.ts.
  },
});
