import { mkdtempSync, mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { precacheManifest, writeServiceWorker } from '../../../src/offline/build.ts';
import { threadsFor } from '../../../src/sandbox/worker/wasm-threads.ts';

function site(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'tl-sw-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

describe('the precache list', () => {
  it('lists every file, pages by their directory URL, without source maps or the worker itself', () => {
    const dir = site({ 'index.html': 'home', 'lessons/a/index.html': 'a', '_astro/x.js': 'x', '_astro/x.js.map': '{}', 'sw.js': 'old', '404.html': 'nf' });
    expect(precacheManifest(dir).entries.map((entry) => entry.path)).toEqual(['404.html', '_astro/x.js', '', 'lessons/a/']);
  });

  it('changes version when any file changes, and only then', () => {
    const dir = site({ 'index.html': 'home', 'a.js': 'a' });
    const first = precacheManifest(dir);
    expect(precacheManifest(dir).version).toBe(first.version);
    writeFileSync(join(dir, 'a.js'), 'a2');
    const second = precacheManifest(dir);
    expect(second.version).not.toBe(first.version);
    expect(second.entries.find((entry) => entry.path === '')?.rev).toBe(first.entries.find((entry) => entry.path === '')?.rev);
  });

  it('writes sw.js as plain JavaScript with the list, and removes it when switched off', () => {
    const dir = site({ 'index.html': 'home' });
    const manifest = writeServiceWorker(dir, true)!;
    const source = readFileSync(join(dir, 'sw.js'), 'utf8');
    expect(source).toContain(`"version":"${manifest.version}"`);
    expect(source).not.toMatch(/\binterface\b|declare const/);
    expect(() => new Function(source)).not.toThrow(); // parses as a classic script
    expect(writeServiceWorker(dir, false)).toBeUndefined();
    expect(existsSync(join(dir, 'sw.js'))).toBe(false);
  });
});

describe('wasm threads', () => {
  it('uses half the logical cores, at least 2 where there are 2, at most 8', () => {
    expect([undefined, 0, 1, 2, 3, 4, 8, 12, 16, 32].map(threadsFor)).toEqual([1, 1, 1, 2, 2, 2, 4, 6, 8, 8]);
  });
});
