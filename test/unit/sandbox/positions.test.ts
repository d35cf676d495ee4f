/**
 * Errors on the first line of learner code are placed where the learner
 * wrote them. sucrase puts `"use strict";` (and its import helpers) in front
 * of line 1 without mapping them, which used to push every first-line
 * column 13 or more characters to the right (`throw null;` reported at
 * column 14, an unknown import at column 124).
 */
import { describe, expect, it } from 'vitest';
import { transpile } from '../../../src/sandbox/worker/transpile.ts';
import { run } from './helpers.ts';

const MODULES = ['@tensorflow/tfjs', 'lab'];

function throwMarkers(source: string): string[] {
  const compiled = transpile(source, { file: 'code', modules: MODULES });
  if (!compiled.ok) throw new Error(compiled.error.message);
  return [...compiled.module.js.matchAll(/__tlThrowAt\(\d+,\d+\)/g)].map((match) => match[0]);
}

describe('positions on the first line', () => {
  it('marks a throw at its own column', () => {
    expect(throwMarkers('throw null;')).toEqual(['__tlThrowAt(1,1)']);
    expect(throwMarkers('const x: number = 1; throw x;')).toEqual(['__tlThrowAt(1,22)']);
    expect(throwMarkers("import * as tf from '@tensorflow/tfjs'; throw tf;")).toEqual(['__tlThrowAt(1,41)']);
  });

  it('reports `throw null` on line 1 at column 1', async () => {
    const { result } = await run('throw null;');
    expect(result.error).toMatchObject({ name: 'Thrown value', position: { line: 1, column: 1 } });
  });

  it('locates a page-only global used on line 1 at its column', async () => {
    const { result } = await run('document.title;');
    expect(result.error).toMatchObject({ name: 'ReferenceError', position: { line: 1, column: 1 } });
    const { result: later } = await run('const n: number = 2; localStorage.setItem("k", String(n));');
    expect(later.error).toMatchObject({ name: 'ReferenceError', position: { line: 1, column: 22 } });
  });

  it('places an unknown import at its module name, on any line', () => {
    const first = transpile('import x from "lodash";', { file: 'code', modules: MODULES });
    expect(first.ok || first.error).toMatchObject({ name: 'ImportError', position: { line: 1, column: 15 } });
    const second = transpile("export const a = 1;\nimport { y } from 'nope';", { file: 'code', modules: MODULES });
    expect(second.ok || second.error).toMatchObject({ position: { line: 2, column: 19 } });
    const inChecks = transpile("import { z } from 'zod';", { file: 'checks', modules: [...MODULES, 'grading'] });
    expect(inChecks.ok || inChecks.error).toMatchObject({ phase: 'checks', position: { line: 1, column: 19 }, file: 'checks' });
  });

  it('still maps later lines and columns after removed types as before', async () => {
    const { result } = await run('const a: number = 1;\nconst o: { x?: { y: number } } = {};\nconsole.log(a, o.x!.y);');
    expect(result.error).toMatchObject({ name: 'TypeError', position: { line: 3 } });
  });
});
