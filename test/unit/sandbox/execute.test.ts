import { describe, expect, it } from 'vitest';
import { MAX_LOG_LINES } from '../../../src/sandbox/protocol.ts';
import { fakeLab, run } from './helpers.ts';

describe('running learner code (in-process, cpu)', () => {
  it('captures console output, formatted, in order, with levels', async () => {
    const { result, events } = await run(
      [
        "import * as tf from '@tensorflow/tfjs';",
        "console.log('hello', 42);",
        "console.warn({ lr: 0.01 });",
        'console.error(tf.tensor([1, 2]));',
        "console.info('%d%%', 95.5);",
        "console.debug('debug goes to log');",
      ].join('\n'),
    );
    expect(result.status).toBe('ok');
    const logs = events.filter((e) => e.type === 'log').map((e) => (e.type === 'log' ? [e.level, e.text] : []));
    expect(logs).toEqual([
      ['log', 'hello 42'],
      ['warn', '{ lr: 0.01 }'],
      ['error', 'Tensor float32 [2] [1, 2]'],
      ['info', '95%'],
      ['log', 'debug goes to log'],
    ]);
  });

  it('captures what tfjs itself prints (model.summary)', async () => {
    const { logs } = await run(
      "import * as tf from '@tensorflow/tfjs';\nconst m = tf.sequential({ layers: [tf.layers.dense({ units: 2, inputShape: [3] })] });\nm.summary();",
    );
    expect(logs.join('\n')).toContain('Total params: 8');
  });

  it('caps a flood of output and counts what it dropped', async () => {
    const started = performance.now();
    const { result, logs } = await run('for (let i = 0; i < 200000; i++) console.log(i);');
    const ms = performance.now() - started;
    expect(result.status).toBe('ok');
    expect(result.droppedLogLines).toBe(200000 - MAX_LOG_LINES);
    expect(logs).toHaveLength(MAX_LOG_LINES + 1);
    expect(logs[MAX_LOG_LINES - 1]).toBe(String(MAX_LOG_LINES - 1));
    expect(logs.at(-1)).toBe('… 198,000 more lines of output were not shown (the limit is 2,000 lines per run).');
    expect(ms).toBeLessThan(5000);
  });

  it('runs top-level await and captures exports', async () => {
    const { result } = await run(
      "import { greet } from 'lab';\nconst v = await Promise.resolve(21);\nexport const doubled: number = v * 2;\nexport default greet('lab');",
      { checks: checksReading('doubled', 42) },
    );
    expect(result.status).toBe('ok');
    expect(result.checks?.map((c) => c.status)).toEqual(['pass']);
    expect(fakeLab.configured.at(-1)).toBe('/assets/');
  });

  it('locates a thrown Error in the TypeScript source', async () => {
    const { result } = await run("const a: number = 1;\nconst b: string = 'x';\n\nthrow new RangeError('bad ' + a);");
    expect(result.status).toBe('error');
    expect(result.error).toMatchObject({ phase: 'run', name: 'RangeError', message: 'bad 1', position: { line: 4, column: 7 }, file: 'code' });
  });

  it('locates a TypeError inside a function at the faulting expression', async () => {
    const { result } = await run('function f(o: { x?: { y: number } }): number {\n  return o.x!.y;\n}\nf({});');
    expect(result.error).toMatchObject({ name: 'TypeError', position: { line: 2 } });
  });

  it('explains `throw 42` and `throw null`, with their lines', async () => {
    const fortyTwo = await run('const x: number = 1;\nif (x) throw 42;');
    expect(fortyTwo.result.error).toMatchObject({ phase: 'run', name: 'Thrown value', position: { line: 2, column: 8 } });
    expect(fortyTwo.result.error?.message).toMatch(/^42 \(a value that is not an Error/);
    const nothing = await run('\n\nthrow null;');
    expect(nothing.result.error).toMatchObject({ name: 'Thrown value', position: { line: 3 } });
    expect(nothing.result.error?.message).toMatch(/^null /);
  });

  it('does not blame a throw that was caught', async () => {
    const { result } = await run('try { throw 1; } catch { }\nawait Promise.reject(2);');
    expect(result.error?.name).toBe('Thrown value');
    expect(result.error?.position).toBeUndefined();
  });

  it('reports a rejected promise the code awaited', async () => {
    const { result } = await run("async function load(): Promise<void> {\n  throw new Error('no data');\n}\nawait load();");
    expect(result.error).toMatchObject({ phase: 'run', message: 'no data', position: { line: 2 } });
  });

  it('fails the run on an unhandled rejection, at the right line', async () => {
    const { result } = await run("const p = Promise.resolve().then(() => {\n  throw new Error('floating');\n});\nconsole.log('done');");
    expect(result.status).toBe('error');
    expect(result.error).toMatchObject({ phase: 'run', message: 'floating', position: { line: 2 } });
  });

  it('fails the run on an error thrown in a timer', async () => {
    const { result } = await run("setTimeout(() => {\n  throw new Error('late');\n}, 0);\nawait new Promise((r) => setTimeout(r, 20));");
    expect(result.error).toMatchObject({ message: 'late', position: { line: 2 } });
  });

  it('explains page-only globals', async () => {
    const { result } = await run("\ndocument.title = 'x';");
    expect(result.error).toMatchObject({ name: 'ReferenceError', position: { line: 2 } });
    expect(result.error?.message).toBe('document is not available: your code runs in Node.js, away from the page.');
  });

  it('reports engine-only syntax errors as compile errors', async () => {
    const { result } = await run('const a = 1;\nconst a = 2;');
    expect(result.error).toMatchObject({ phase: 'compile', name: 'SyntaxError' });
    expect(result.error?.message).toMatch(/already been declared/);
  });

  it('counts tensors before and after (after: what the run left allocated)', async () => {
    const { result } = await run(
      "import * as tf from '@tensorflow/tfjs';\nexport const kept = tf.ones([2, 2]);\ntf.tidy(() => { tf.ones([3]).add(1); });",
    );
    expect(result.tensors.after - result.tensors.before).toBe(1);
  });

  it('ends an async run at the time limit', async () => {
    const { result } = await run('await new Promise(() => {});', { timeLimitMs: 200 });
    expect(result.error).toMatchObject({ phase: 'timeout', name: 'Timeout' });
    expect(result.error?.message).toContain('0.2 s');
  });
});

function checksReading(name: string, value: number): string {
  return [
    "import { defineChecks, expect } from 'grading';",
    'export default defineChecks([',
    `  { title: 'reads ${name}', test({ exports }) { expect(exports.${name}).toBe(${value}); } },`,
    ']);',
  ].join('\n');
}
