/**
 * Issue 17 item 1: no training on test images. Lesson 5's exercise (the end-to-end one),
 * run Node-side through the in-process runner (the worker's transpile, execute, fit
 * instrumentation and checks), with the test images reaching training in several ways.
 * Each must fail "Training never saw the test images" (and only that check, for the
 * issue's case: it used to pass every check), with the hint that explains why.
 */
import { describe, expect, it, beforeAll } from 'vitest';
import { exerciseById, runExercise, verdicts, useWasm } from './support.ts';

const exercise = exerciseById('transfer-learning-in-action');
const TITLE = 'Training never saw the test images';
const TRAIN = "const train = await datasets.load('fashion-target', { split: 'train', perClass: 20, seed: 1 });";

beforeAll(useWasm);

/** The reference solution with its training-data line replaced. */
function withTraining(line: string, tweak: (code: string) => string = (code) => code): string {
  const solution = exercise.solution;
  expect(solution).toContain(TRAIN);
  return tweak(solution.replace(TRAIN, line));
}

/** Short runs for the variants (phase lengths cut): only the test-images check is asserted. */
const short = (code: string) => code.replace('epochs: 10', 'epochs: 2').replace('epochs: 5', 'epochs: 1');

describe('training on test images fails the exercise that measures test accuracy', () => {
  it("the issue's case: datasets.load('fashion-target', { split: 'test', perClass: 20, seed: 1 }) fed to fit fails that check, and only it", async () => {
    const result = await runExercise(exercise, withTraining("const train = await datasets.load('fashion-target', { split: 'test', perClass: 20, seed: 1 });"));
    const byTitle = verdicts(result);
    const leak = result.checks!.find((c) => c.title === TITLE)!;
    expect(leak.status, JSON.stringify(byTitle)).toBe('fail');
    expect(leak.message).toMatch(/trained on 100 of 2500 images of the test set/);
    expect(leak.hint).toMatch(/never seen/);
    expect(leak.hint).toMatch(/split: 'train'/);
    // Every other check passes: before this check, the exercise passed (issue 17).
    for (const check of result.checks!) if (check.title !== TITLE) expect(check.status, `${check.title}: ${check.message}`).toBe('pass');
  }, 240_000);

  it.each([
    ['a re-ordered, sliced subset of the test images', `const all = await datasets.load('fashion-target', { split: 'test' });
const order = tf.tensor1d([...Array(60).keys()].reverse().map((i) => i * 7), 'int32');
const train = { xs: tf.gather(all.xs, order), ys: tf.gather(all.ys, order), dispose() {} };`],
    ['test images mixed into the training images', `const real = await datasets.load('fashion-target', { split: 'train', perClass: 20, seed: 1 });
const peek = await datasets.load('fashion-target', { split: 'test', perClass: 2, seed: 5 });
const train = { xs: tf.concat([real.xs, peek.xs]), ys: tf.concat([real.ys, peek.ys]), dispose() {} };`],
    ['test images scaled to 0-255', `const t = await datasets.load('fashion-target', { split: 'test', perClass: 10, seed: 2 });
const train = { xs: t.xs.mul(255), ys: t.ys, dispose() {} };`],
  ])('%s: caught', async (_name, line) => {
    const result = await runExercise(exercise, withTraining(line, short));
    const leak = result.checks?.find((c) => c.title === TITLE);
    expect(leak?.status, JSON.stringify(verdicts(result))).toBe('fail');
    expect(leak?.message).toMatch(/trained on \d+ of 2500 images of the test set/);
  }, 240_000);

  it('fitDataset on test images: caught', async () => {
    const code = withTraining("const train = await datasets.load('fashion-target', { split: 'test', perClass: 10, seed: 4 });", (c) =>
      short(c).replace(
        'await model.fit(train.xs, train.ys, { epochs: 2, batchSize: 16, shuffle: true });',
        'await model.fitDataset(tf.data.zip({ xs: tf.data.array(tf.unstack(train.xs)), ys: tf.data.array(tf.unstack(train.ys)) }).batch(16), { epochs: 2 });',
      ),
    );
    expect(code).toContain('fitDataset');
    const result = await runExercise(exercise, code);
    const leak = result.checks?.find((c) => c.title === TITLE);
    expect(leak?.status, JSON.stringify(verdicts(result))).toBe('fail');
    expect(leak?.message).toMatch(/Your fit call 1 trained on 50 of 2500/);
  }, 240_000);

  it('trainOnBatch on test images: caught', async () => {
    const code = withTraining(TRAIN, (c) =>
      short(c).replace(
        '// Evaluate on the test set and report',
        `const peek = await datasets.load('fashion-target', { split: 'test', perClass: 4, seed: 9 });
await model.trainOnBatch(peek.xs, peek.ys);
// Evaluate on the test set and report`,
      ),
    );
    const result = await runExercise(exercise, code);
    const leak = result.checks?.find((c) => c.title === TITLE);
    expect(leak?.status, JSON.stringify(verdicts(result))).toBe('fail');
    expect(leak?.message).toMatch(/model\.trainOnBatch calls trained on 20 of 2500/);
  }, 240_000);

  it.each([
    ['optimizer.minimize', 'opt.minimize(() => tf.losses.softmaxCrossEntropy(peek.ys, model.predict(peek.xs) as tf.Tensor) as tf.Scalar);'],
    ['applyGradients', 'opt.applyGradients(tf.variableGrads(() => tf.losses.softmaxCrossEntropy(peek.ys, model.predict(peek.xs) as tf.Tensor) as tf.Scalar).grads);'],
  ])('a training loop of its own (%s) on test images: caught, the sandbox cannot vouch for it', async (_name, step) => {
    const code = withTraining(TRAIN, (c) =>
      short(c).replace(
        '// Evaluate on the test set and report',
        `const peek = await datasets.load('fashion-target', { split: 'test', perClass: 4, seed: 9 });
const opt = tf.train.adam(0.0001);
for (let i = 0; i < 3; i++) tf.tidy(() => { ${step} });
// Evaluate on the test set and report`,
      ),
    );
    const result = await runExercise(exercise, code);
    const leak = result.checks?.find((c) => c.title === TITLE);
    expect(leak?.status, JSON.stringify(verdicts(result))).toBe('fail');
    expect(leak?.message).toMatch(/took 3 optimizer steps of its own .*cannot vouch that the test set stayed unseen/);
  }, 240_000);

  it("a replaced Tensor.prototype.dataSync cannot hide the test images (the sandbox reads batches with its own copy)", async () => {
    const code = withTraining("const train = await datasets.load('fashion-target', { split: 'test', perClass: 10, seed: 1 });", (c) =>
      `import * as tfjs from '@tensorflow/tfjs';
const realDataSync = tfjs.Tensor.prototype.dataSync;
tfjs.Tensor.prototype.dataSync = function () { return new Float32Array(this.size); };
${short(c)}
tfjs.Tensor.prototype.dataSync = realDataSync;`,
    );
    const result = await runExercise(exercise, code);
    const leak = result.checks?.find((c) => c.title === TITLE);
    expect(leak?.status, JSON.stringify(verdicts(result))).toBe('fail');
    expect(leak?.message).toMatch(/trained on 50 of 2500 images of the test set/);
  }, 240_000);
});
