/**
 * Bytes of HTML, CSS and JavaScript a built page loads before any
 * interaction: the HTML, the stylesheets and scripts it links, and the
 * modules those scripts import statically. Raw and gzip (level 9).
 *
 *   node scripts/page-weight.ts [page-path ...]   e.g. lessons/fine-tune-the-model
 *
 * (`npm run bench` measures the same in Chromium, with the network, and also
 * until the editor is ready.)
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = process.env.TL_OUT_DIR ?? 'dist';
type Kind = 'html' | 'css' | 'js';

function weigh(page: string): Record<Kind, { raw: number; gzip: number }> {
  const sizes: Record<Kind, { raw: number; gzip: number }> = { html: { raw: 0, gzip: 0 }, css: { raw: 0, gzip: 0 }, js: { raw: 0, gzip: 0 } };
  const seen = new Set<string>();
  const add = (path: string, kind: Kind) => {
    if (seen.has(path)) return;
    seen.add(path);
    const file = join(dist, path);
    if (!existsSync(file)) return;
    const bytes = readFileSync(file);
    sizes[kind].raw += bytes.length;
    sizes[kind].gzip += gzipSync(bytes, { level: 9 }).length;
    const text = bytes.toString();
    if (kind === 'js') {
      // Static imports only: dynamic import() is what the page loads later, on demand.
      for (const match of text.matchAll(/(?:^|[;}\s])import\s*(?:[\w*{}\s,$]+from\s*)?["']\.\/([^"']+\.js)["']/g)) add(join(path, '..', match[1]!), 'js');
    }
    if (kind === 'html') {
      for (const match of text.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="\/([^"]+)"|<link[^>]+href="\/([^"]+\.css)"/g)) add(stripBase(match[1] ?? match[2]!), 'css');
      for (const match of text.matchAll(/<script[^>]+src="\/([^"]+\.js)"/g)) add(stripBase(match[1]!), 'js');
      for (const match of text.matchAll(/import\s*["']\/([^"']+\.js)["']/g)) add(stripBase(match[1]!), 'js');
    }
  };
  add(join(page, 'index.html'), 'html');
  return sizes;
}

/** Built URLs start with the base path; files in dist/ do not. */
function stripBase(path: string): string {
  return existsSync(join(dist, path)) ? path : path.split('/').slice(1).join('/');
}

const pages = process.argv.slice(2);
for (const page of pages.length ? pages : ['', 'lessons/fine-tune-the-model']) {
  const s = weigh(page);
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  console.log(`/${page}: HTML ${kb(s.html.raw)} (${kb(s.html.gzip)} gz), CSS ${kb(s.css.raw)} (${kb(s.css.gzip)} gz), JS ${kb(s.js.raw)} (${kb(s.js.gzip)} gz) before interaction`);
}
