import { describe, expect, it } from 'vitest';
import { transpile } from '../../../src/sandbox/worker/transpile.ts';

const LEARNER = ['@tensorflow/tfjs', 'lab'];

function compile(source: string, modules: string[] = LEARNER) {
  const result = transpile(source, { file: 'code', modules });
  if (!result.ok) throw new Error(`unexpected compile error: ${result.error.message}`);
  return result.module;
}

describe('transpile', () => {
  it('keeps every statement on its line', () => {
    const source = [
      "import * as tf from '@tensorflow/tfjs';",
      'interface Shape { rows: number; cols: number }',
      'const shape: Shape = { rows: 2, cols: 3 };',
      'type Id = string;',
      'function area(s: Shape): number {',
      '  return s.rows * s.cols;',
      '}',
      'export const answer = area(shape) as number;',
    ].join('\n');
    const lines = compile(source).js.split('\n');
    expect(lines.length).toBe(8);
    expect(lines[2]).toContain('const shape =');
    expect(lines[5]).toContain('return s.rows * s.cols');
    expect(lines[7]).toContain('exports.answer');
  });

  it('maps columns back across removed type annotations', () => {
    const source = "const a: number = 1; const b: string = 'x'; b.nope();";
    const module = compile(source);
    const jsLine = module.js.split('\n')[0]!;
    const jsColumn = jsLine.indexOf('b.nope') + 1;
    expect(module.toSource(1, jsColumn)).toEqual({ line: 1, column: source.indexOf('b.nope') + 1 });
  });

  it('turns imports into require calls of the allowed modules', () => {
    const module = compile("import * as tf from '@tensorflow/tfjs';\nimport { models } from 'lab';\nimport tfd from '@tensorflow/tfjs';");
    // sucrase requires a module once, however many import statements name it.
    expect(module.imports).toEqual(['@tensorflow/tfjs', 'lab']);
    expect(module.js).toContain("require('@tensorflow/tfjs')");
    expect(module.js).toContain("require('lab')");
  });

  it('refuses an unknown import before running, naming module and line', () => {
    const result = transpile("import * as tf from '@tensorflow/tfjs';\n\nimport _ from 'lodash';\n", { file: 'code', modules: LEARNER });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.phase).toBe('compile');
    expect(result.error.message).toBe("Cannot import 'lodash' (line 3): only '@tensorflow/tfjs' and 'lab' are available here.");
    expect(result.error.position?.line).toBe(3);
  });

  it('refuses an unknown import even when nothing uses it, and dynamic imports too', () => {
    const unused = transpile("import { x } from 'fs';", { file: 'code', modules: LEARNER });
    expect(unused.ok).toBe(false);
    const dynamic = transpile("const m = 1;\nconst fs = await import('fs');", { file: 'code', modules: LEARNER });
    expect(!dynamic.ok && dynamic.error.message).toContain("Cannot import 'fs' (line 2)");
  });

  it("allows 'grading' only where asked (checks)", () => {
    const source = "import { defineChecks } from 'grading';";
    expect(transpile(source, { file: 'code', modules: LEARNER }).ok).toBe(false);
    const checks = transpile(source, { file: 'checks', modules: [...LEARNER, 'grading'] });
    expect(checks.ok).toBe(true);
  });

  it('is not fooled by require or throw inside strings and comments', () => {
    const module = compile("const s = \"require('lodash') throw\"; // require('fs')\nconst t = `catch (e) {`;");
    expect(module.imports).toEqual([]);
    expect(module.js).not.toContain('__tlThrowAt');
    expect(module.js).not.toContain('__tlCaught');
  });

  it('reports a syntax error with the TypeScript line and column', () => {
    const result = transpile('const a = 1;\nconst b = (;\n', { file: 'code', modules: LEARNER });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({ phase: 'compile', name: 'SyntaxError', position: { line: 2, column: 12 }, file: 'code' });
    expect(result.error.message).toMatch(/^Unexpected token/);
  });

  it("reports a checks file's syntax error in phase 'checks'", () => {
    const result = transpile('export default [', { file: 'checks', modules: [...LEARNER, 'grading'] });
    expect(!result.ok && result.error.phase).toBe('checks');
    expect(!result.ok && result.error.file).toBe('checks');
  });

  it('leaves top-level await in place (the body runs in an async function)', () => {
    expect(compile('const x = await Promise.resolve(1);').js).toContain('await Promise.resolve(1)');
  });

  it('turns exports into assignments on `exports`', () => {
    const js = compile('export const model = 1;\nexport let n = 1;\nn = 2;\nexport default 7;').js;
    expect(js).toContain('exports.model = model');
    expect(js).toMatch(/exports\.n = 2/);
    expect(js).toMatch(/exports\. ?default = 7/);
  });

  it('marks throws with their TypeScript position and clears them in catch blocks', () => {
    const module = compile('const v: number = 1;\nif (v) throw 42;\ntry { f() } catch ({ message }) { g() }');
    const lines = module.js.split('\n');
    expect(lines[1]).toBe('if (v) throw __tlThrowAt(2,8), 42;');
    expect(lines[2]).toContain('catch ({ message }) { __tlCaught();');
    // A column after a marker maps back as if the marker were not there.
    const jsColumn = lines[1]!.indexOf('42') + 1;
    expect(module.toSource(2, jsColumn)).toEqual({ line: 2, column: 14 });
  });

  it('refuses import.meta with its line', () => {
    const result = transpile('const a = 1;\nconsole.log(import.meta.url);', { file: 'code', modules: LEARNER });
    expect(!result.ok && result.error.message).toBe('import.meta is not available here (line 2).');
  });
});
