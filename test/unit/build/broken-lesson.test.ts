/**
 * A broken lesson file fails the build with a message that names the file,
 * the field and what was expected. Builds a fixture course in its own folder.
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { childEnv } from '../../support/child-env.ts';

function buildFixture(lessonsDir: string) {
  const outDir = `.tmp/test-build-${lessonsDir.split('/').at(-2)}`;
  rmSync(outDir, { recursive: true, force: true });
  const result = spawnSync('npx', ['astro', 'build'], {
    env: childEnv({ TL_LESSONS_DIR: lessonsDir, TL_OUT_DIR: outDir }),
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

describe('a lesson with broken frontmatter', () => {
  it('fails the build naming the file, the fields and what was expected', () => {
    const { status, output } = buildFixture('test/fixtures/broken-frontmatter/lessons');
    expect(status).not.toBe(0);
    expect(output).toContain('test/fixtures/broken-frontmatter/lessons/01-broken/index.mdx');
    expect(output).toMatch(/title.*Expected type `"string"`, received `"number"`/);
    expect(output).toMatch(/summary.*Required/);
    expect(output).toMatch(/draft.*Expected type `"boolean"`/);
  });
});
