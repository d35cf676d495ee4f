/**
 * Finds internal links and assets in the built site that do not resolve: every
 * href/src in every HTML page, followed to a file in dist/ (base path aware).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface BrokenLink {
  page: string;
  url: string;
}

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return htmlFiles(path);
    return entry.name.endsWith('.html') ? [path] : [];
  });
}

export function findBrokenLinks(distDir: string, base: string): BrokenLink[] {
  const broken: BrokenLink[] = [];
  for (const file of htmlFiles(distDir)) {
    const html = readFileSync(file, 'utf8');
    const pagePath = `${base}${relative(distDir, file).replace(/index\.html$/, '').replace(/\\/g, '/')}`;
    for (const match of html.matchAll(/\b(?:href|src)="([^"]+)"/g)) {
      const raw = match[1]!.replace(/&amp;/g, '&');
      if (/^(?:[a-z]+:|\/\/|#|data:)/i.test(raw)) continue; // external, anchors, data URLs
      const url = new URL(raw, `http://site${pagePath}`);
      if (!url.pathname.startsWith(base)) {
        broken.push({ page: relative(distDir, file), url: raw });
        continue;
      }
      const target = join(distDir, decodeURIComponent(url.pathname.slice(base.length)));
      const resolved = existsSync(target) && statSync(target).isDirectory() ? join(target, 'index.html') : target;
      if (!existsSync(resolved)) broken.push({ page: relative(distDir, file), url: raw });
    }
  }
  return broken;
}
