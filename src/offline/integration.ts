/**
 * The Astro integration that writes the service worker (`<base>sw.js`, with
 * the precache list of this build) once the site is built. It must come after
 * the course integration in astro.config.mjs, whose build hook writes the
 * search index: the index is part of what is precached.
 */
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import type { CourseConfig } from '../schemas/course-config.ts';
import { writeServiceWorker } from './build.ts';

export function offlineIntegration(config: CourseConfig): AstroIntegration {
  return {
    name: 'transfer-lab:offline',
    hooks: {
      // Whether pages register the worker: only in a build (`astro dev` has no built site to
      // precache) and when the course has it on. A define, not import.meta.env.PROD: a build run
      // with NODE_ENV=test (a browser test's fixture course) is still a build.
      'astro:config:setup': ({ command, updateConfig }) => {
        updateConfig({ vite: { define: { __TL_SERVICE_WORKER__: JSON.stringify(command === 'build' && config.serviceWorker) } } });
      },
      'astro:build:done': ({ dir, logger }) => {
        const manifest = writeServiceWorker(fileURLToPath(dir), config.serviceWorker);
        if (!manifest) logger.info('Service worker: off (course.config.ts serviceWorker: false)');
        else logger.info(`Service worker: build ${manifest.version}, ${manifest.entries.length} files (${(manifest.bytes / 1e6).toFixed(1)} MB) precached`);
      },
    },
  };
}
