/**
 * Build time: the service worker's precache list and the `sw.js` file.
 *
 * The list is every file of the built site (pages as their directory URL,
 * "lessons/x/" for lessons/x/index.html), each with a hash of its content;
 * the build's version is a hash of the list, so any changed file makes a new
 * version and nothing else does. `sw.js` is src/offline/sw.ts with its types
 * stripped (sucrase's CJS build, as src/sandbox/worker/sucrase.ts takes it: the file imports nothing, so there is nothing to bundle)
 * and the list in front of it.
 *
 * Used by the Astro integration (integration.ts) after the build, and by the
 * browser tests to "deploy a new build" into a copy of a built site.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transform } from 'sucrase/dist/index.js'; // typed in src/sandbox/worker/sucrase-internals.d.ts

export const SERVICE_WORKER_FILE = 'sw.js';

/** Files that are never precached: the worker itself and source maps. */
function skipped(path: string): boolean {
  return path === SERVICE_WORKER_FILE || path.endsWith('.map');
}

export interface PrecacheManifest {
  version: string;
  entries: { path: string; rev: string }[];
  /** Total bytes of the precached files. */
  bytes: number;
}

export function precacheManifest(dir: string): PrecacheManifest {
  const entries: { path: string; rev: string }[] = [];
  let bytes = 0;
  const walk = (folder: string): void => {
    for (const name of readdirSync(folder).sort()) {
      const full = join(folder, name);
      if (statSync(full).isDirectory()) {
        walk(full);
        continue;
      }
      const path = relative(dir, full).split(sep).join('/');
      if (skipped(path)) continue;
      const content = readFileSync(full);
      bytes += content.length;
      const rev = createHash('sha256').update(content).digest('hex').slice(0, 16);
      // lessons/x/index.html is served (and linked) as lessons/x/; the root index as the scope itself.
      const url = path === 'index.html' ? '' : path.endsWith('/index.html') ? path.slice(0, -'index.html'.length) : path;
      entries.push({ path: url, rev });
    }
  };
  walk(dir);
  const version = createHash('sha256')
    .update(entries.map((entry) => `${entry.path} ${entry.rev}`).join('\n'))
    .digest('hex')
    .slice(0, 12);
  return { version, entries, bytes };
}

const SOURCE = fileURLToPath(new URL('./sw.ts', import.meta.url));

/** The service worker's JavaScript for this manifest. */
export function serviceWorkerSource(manifest: PrecacheManifest): string {
  const { code } = transform(readFileSync(SOURCE, 'utf8'), { transforms: ['typescript'], disableESTransforms: true });
  const list = JSON.stringify({ version: manifest.version, entries: manifest.entries });
  return `// Transfer Lab service worker, build ${manifest.version} (source: src/offline/sw.ts).\nconst __TL_PRECACHE__ = ${list};\n${code}`;
}

/** Writes `sw.js` into the built site `dir`, or removes one left there when the service worker is off. */
export function writeServiceWorker(dir: string, enabled: boolean): PrecacheManifest | undefined {
  const file = join(dir, SERVICE_WORKER_FILE);
  if (!enabled) {
    if (existsSync(file)) rmSync(file);
    return undefined;
  }
  const manifest = precacheManifest(dir);
  writeFileSync(file, serviceWorkerSource(manifest));
  return manifest;
}
