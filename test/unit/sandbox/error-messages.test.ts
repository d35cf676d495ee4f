/**
 * Errors whose engine wording means nothing to a learner get an
 * explanation (src/sandbox/worker/describe-thrown.ts), the engine's words kept first.
 * A real error where Node throws what Chromium throws (endless recursion);
 * the others are built with the name and message measured in Chromium
 * through the runner page (test/e2e/hostile-code.test.ts runs them there).
 */
import { describe, expect, it } from 'vitest';
import { describeThrown } from '../../../src/sandbox/worker/describe-thrown.ts';
import { run } from './helpers.ts';

const explain = (value: unknown) => describeThrown(value, { phase: 'run', modules: [] });

function named(name: string, message: string, base: ErrorConstructor = Error): Error {
  const error = new base(message);
  Object.defineProperty(error, 'name', { value: name });
  return error;
}

describe('errors explained for learners', () => {
  it('endless recursion: names the function’s line and says what happened', async () => {
    const { result } = await run('function deeper(n: number): number {\n  return deeper(n + 1) + 1;\n}\ndeeper(0);');
    expect(result.error).toMatchObject({ phase: 'run', name: 'RangeError', position: { line: expect.any(Number) } });
    expect([1, 2]).toContain(result.error?.position?.line);
    expect(result.error?.message).toBe(
      'Maximum call stack size exceeded: a function kept calling itself without end. Check the condition that should stop the recursion.',
    );
  });

  it('a tensor too big to exist (Chromium: "Invalid typed array length"): the shape was the problem', () => {
    expect(explain(new RangeError('Invalid typed array length: 10000000000')).message).toBe(
      'Invalid typed array length: 10000000000: that is more numbers than a browser can hold at once. Check the shape you asked for.',
    );
  });

  it('memory exhausted by buffers (Chromium: "Array buffer allocation failed")', () => {
    expect(explain(new RangeError('Array buffer allocation failed')).message).toMatch(
      /^Array buffer allocation failed: the browser has no memory left for your data\. .*dispose\(\)/,
    );
  });

  it('the wasm backend aborting: no build-flag advice, an explanation instead', () => {
    const error = explain(named('RuntimeError', 'Aborted(). Build with -sASSERTIONS for more info.'));
    expect(error).toMatchObject({ name: 'RuntimeError' });
    expect(error.message).toMatch(/^Aborted\(\): the TensorFlow\.js wasm backend ran out of memory\./);
    expect(error.message).not.toContain('ASSERTIONS');
  });

  it('a fetch that cannot reach its address (Chromium, Firefox and Safari wording)', () => {
    for (const message of ['Failed to fetch', 'NetworkError when attempting to fetch resource.', 'Load failed']) {
      expect(explain(new TypeError(message)).message).toMatch(/: the address could not be reached from the browser .*`lab`/);
    }
  });

  it('every layer frozen, the new head too: plain words at the line of the fit call (issue 18, item 7)', async () => {
    const code = [
      "import * as tf from '@tensorflow/tfjs';",
      'const model = tf.sequential({ layers: [tf.layers.dense({ units: 2, inputShape: [3], name: "base" }), tf.layers.dense({ units: 2, activation: "softmax", name: "new_head" })] });',
      'for (const layer of model.layers) layer.trainable = false;',
      "model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });",
      'const xs = tf.zeros([4, 3]);',
      'const ys = tf.oneHot(tf.tensor1d([0, 1, 0, 1], "int32"), 2);',
      'async function train() {',
      '  await model.fit(xs, ys, { epochs: 1 });',
      '}',
      'await train();',
    ].join('\n');
    const { result } = await run(code);
    expect(result.status).toBe('error');
    expect(result.error).toMatchObject({ phase: 'run', name: 'Error', file: 'code', position: { line: 8 } });
    expect(result.error?.message).toMatch(/^variableGrads\(\) expects at least one of the input variables to be trainable.*: Nothing can learn: every layer is frozen, the new head too\. Keep the new head trainable/);
  });

  it('leaves ordinary messages as they are', () => {
    expect(explain(new TypeError("Cannot read properties of undefined (reading 'shape')")).message).toBe(
      "Cannot read properties of undefined (reading 'shape')",
    );
    expect(explain(new RangeError('Invalid array length')).message).toBe('Invalid array length');
  });
});
