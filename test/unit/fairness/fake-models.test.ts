/**
 * Issue 17 item 2: an exported "model" that is not a real tf.LayersModel passes no check
 * that looks at the model. The checks grade a copy tfjs rebuilds from the export
 * (`expect.model`, src/grading/real-model.ts), never the export's own `predict`.
 * Node-side, through the in-process runner, against the course's real checks.
 */
import { describe, expect, it, beforeAll } from 'vitest';
import { exerciseById, runExercise, verdicts, useWasm } from './support.ts';

beforeAll(useWasm);

/** A fake that loads the test labels itself and "predicts" them. */
const PREDICTS_THE_LABELS = `
const test = await datasets.load('fashion-target', { split: 'test' });
let served = 0;
const predict = (x: tf.Tensor) => { const n = x.shape[0]!; const out = test.ys.slice(served, n); served += n; return out; };`;

describe('lesson 5 (transfer learning in action): fake models', () => {
  const exercise = exerciseById('transfer-learning-in-action');
  const modelChecks = [
    'The model classifies the 5 new classes',
    'The fine-tuned model reaches at least 60% on the test set',
  ];

  it.each([
    [
      'a plain object with the right shapes whose predict returns the test labels',
      `${PREDICTS_THE_LABELS}
export const model = { outputs: [{ shape: [null, 5] }], layers: [{ name: 'new_head' }], inputs: [], predict };`,
    ],
    [
      'a Proxy over nothing whose predict returns the test labels',
      `${PREDICTS_THE_LABELS}
export const model = new Proxy({}, { get: (_t, key) => key === 'predict' ? predict : key === 'outputs' ? [{ shape: [null, 5] }] : key === 'layers' ? [{ name: 'new_head' }] : undefined });`,
    ],
  ])('%s: every check on the model fails, and so does the exercise', async (_name, fake) => {
    const code = `import * as tf from '@tensorflow/tfjs';
import { datasets } from 'lab';
${fake}
export const accuracy = 1;
console.log('Fine-tuning complete! Test accuracy: 100%');`;
    const result = await runExercise(exercise, code);
    expect(result.status, JSON.stringify(verdicts(result))).toBe('ok');
    for (const title of modelChecks) {
      const check = result.checks!.find((c) => c.title === title)!;
      expect(check.status, `${title}: ${JSON.stringify(verdicts(result))}`).toBe('fail');
      expect(check.message).toMatch(/`model` is not a real tf\.LayersModel/);
    }
    expect(result.checks!.some((c) => c.status === 'fail')).toBe(true);
  }, 120_000);

  it('a Proxy over a real, untrained model whose predict returns the test labels: graded on the real network, and fails', async () => {
    const code = `import * as tf from '@tensorflow/tfjs';
import { models, datasets } from 'lab';
const base = await models.fashionCnn({ weights: 'pretrained' });
const head = tf.layers.dense({ units: 5, activation: 'softmax', name: 'new_head' });
const real = tf.model({ inputs: base.inputs, outputs: head.apply(base.getLayer('features').output) as tf.SymbolicTensor });
${PREDICTS_THE_LABELS}
export const model = new Proxy(real, { get: (target, key, receiver) => key === 'predict' ? predict : Reflect.get(target, key, receiver) });
export const accuracy = 1;
console.log('Fine-tuning complete! Test accuracy: 100%');`;
    const result = await runExercise(exercise, code);
    const accuracy = result.checks!.find((c) => c.title === modelChecks[1])!;
    expect(accuracy.status, JSON.stringify(verdicts(result))).toBe('fail');
    expect(accuracy.message).toMatch(/test accuracy \(measured by the check\): expected at least 0\.6, got 0\.[0-4]/);
  }, 120_000);
});

describe('lesson 3 (modify the model): a plain object shaped like the answer', () => {
  it('fails all four checks', async () => {
    const exercise = exerciseById('modify-the-model');
    const code = `export const model = {
  outputs: [{ shape: [null, 5] }],
  layers: [{ name: 'conv1' }, { name: 'dense' }, { name: 'new_head', getWeights: () => [1] }],
  getConfig: () => ({ layers: [{ name: 'new_head', inboundNodes: [[['dense', 0, 0, {}]]] }] }),
  getClassName: () => 'Functional',
};`;
    const result = await runExercise(exercise, code);
    expect(result.status, JSON.stringify(verdicts(result))).toBe('ok');
    expect(result.checks!.length).toBe(4);
    for (const check of result.checks!) {
      expect(check.status, check.title).toBe('fail');
      expect(check.message).toMatch(/not a real tf\.LayersModel/);
    }
  }, 120_000);
});
