import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findBrokenLinks } from '../../../scripts/lib/links.ts';

function site(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'links-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

describe('the link checker', () => {
  it('accepts links that resolve under the base path and reports those that do not', () => {
    const dir = site({
      'index.html': '<a href="/ml/lessons/a/">a</a><a href="/ml/lessons/missing/">x</a><img src="/ml/avatars/gal.svg"><a href="https://example.com/">out</a><a href="#top">top</a>',
      'lessons/a/index.html': '<a href="../../">home</a><a href="/lessons/a/">outside base</a>',
      'avatars/gal.svg': '<svg/>',
    });
    expect(findBrokenLinks(dir, '/ml/')).toEqual([
      { page: 'index.html', url: '/ml/lessons/missing/' },
      { page: 'lessons/a/index.html', url: '/lessons/a/' },
    ]);
  });
});
