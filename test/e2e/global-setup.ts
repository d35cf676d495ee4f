/**
 * Serves the built site (dist/, or TL_DIST) once for all browser tests.
 * `npm test` builds before it runs these; a missing build is a clear error.
 */
import { existsSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { startStaticServer } from '../../scripts/static-server.ts';
import { chromiumPath } from './harness.ts';
import { loadCourseConfig } from '../../src/course/load-config.ts';

export default async function setup(project: TestProject) {
  chromiumPath(); // Stop at once, with install advice, when Chromium is missing.
  const dir = process.env.TL_DIST ?? 'dist';
  if (!existsSync(`${dir}/index.html`)) throw new Error(`No built site in ${dir}/: run \`npm run build\` first.`);
  const server = await startStaticServer({ dir, base: process.env.TL_BASE ?? (await loadCourseConfig()).base });
  project.provide('siteUrl', server.url);
  return () => server.close();
}

declare module 'vitest' {
  export interface ProvidedContext {
    siteUrl: string;
  }
}
