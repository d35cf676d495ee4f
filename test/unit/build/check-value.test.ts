/**
 * <CheckValue> with a name its lesson's checks.ts does not define stops the
 * build, naming the lesson, the checks file and the values it does define.
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { childEnv } from '../../support/child-env.ts';

describe('a lesson whose prose asks for an unknown check value', () => {
  it('fails the build naming the lesson and what its checks define', () => {
    const outDir = '.tmp/test-build-unknown-check-value';
    rmSync(outDir, { recursive: true, force: true });
    const result = spawnSync('npx', ['astro', 'build'], {
      env: childEnv({ TL_LESSONS_DIR: 'test/fixtures/unknown-check-value/lessons', TL_OUT_DIR: outDir }),
      encoding: 'utf8',
      timeout: 180_000,
    });
    const output = `${result.stdout}\n${result.stderr}`;
    expect(result.status).not.toBe(0);
    expect(output).toContain('test/fixtures/unknown-check-value/lessons/01-typo/index.mdx: <CheckValue name="MIN_ACURACY" />');
    expect(output).toContain('It has: MIN_ACCURACY.');
  }, 200_000);
});
