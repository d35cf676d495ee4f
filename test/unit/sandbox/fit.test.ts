import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../../src/sandbox/page/runner.ts';
import { run } from './helpers.ts';

/** A tiny model on random data: 64 samples, batch 16, 20% validation. */
const TRAIN = (fitArgs: string, prelude = '') =>
  [
    "import * as tf from '@tensorflow/tfjs';",
    prelude,
    'const model = tf.sequential();',
    "model.add(tf.layers.dense({ units: 4, inputShape: [3], activation: 'relu' }));",
    "model.add(tf.layers.dense({ units: 2, activation: 'softmax' }));",
    "model.compile({ optimizer: tf.train.sgd(0.05), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });",
    'const xs = tf.randomNormal([80, 3]);',
    "const ys = tf.oneHot(tf.randomUniform([80], 0, 2, 'int32'), 2);",
    `export const history = await model.fit(xs, ys, ${fitArgs});`,
  ].join('\n');

function fitEvents(events: RunEvent[]) {
  return events.filter((e) => e.type.startsWith('fit-'));
}

describe('fit instrumentation', () => {
  it('reports start, epochs and end without the learner writing callbacks', async () => {
    const { result, events } = await run(TRAIN('{ epochs: 3, batchSize: 16, validationSplit: 0.2 }'));
    expect(result.status).toBe('ok');
    const fit = fitEvents(events);
    expect(fit[0]).toEqual({ type: 'fit-start', id: expect.any(Number), fit: 0, epochs: 3, batches: 4 });
    const epochs = fit.filter((e) => e.type === 'fit-epoch');
    expect(epochs.map((e) => e.type === 'fit-epoch' && e.epoch)).toEqual([0, 1, 2]);
    for (const e of epochs) {
      if (e.type !== 'fit-epoch') continue;
      expect(Object.keys(e.logs).sort()).toEqual(['acc', 'loss', 'val_acc', 'val_loss']);
      expect(Number.isFinite(e.logs.loss)).toBe(true);
    }
    expect(fit.at(-1)).toMatchObject({ type: 'fit-end', fit: 0 });
    expect(fit.some((e) => e.type === 'fit-batch')).toBe(true);
  });

  it('records every fit for the checks, numbered in call order', async () => {
    const checks = [
      "import { defineChecks, expect } from 'grading';",
      'export default defineChecks([{ title: "two fits recorded", test({ fits, exports }) {',
      '  expect(fits.length).toBe(2);',
      '  expect(fits[0].epochs).toBe(2);',
      '  expect(fits[0].history.loss.length).toBe(2);',
      '  expect(fits[0].batchSize).toBe(16);',
      '  expect(fits[0].samples).toBe(64);',
      '  expect(fits[0].learningRate).toBe(0.05);',
      '  expect(fits[1].history.loss).toEqual((exports.second as any).history.loss);',
      '} }]);',
    ].join('\n');
    const code = `${TRAIN('{ epochs: 2, batchSize: 16, validationSplit: 0.2 }')}\nexport const second = await model.fit(xs, ys, { epochs: 1 });`;
    const { result, events } = await run(code, { checks });
    expect(result.checks).toEqual([expect.objectContaining({ status: 'pass' })]);
    expect(fitEvents(events).filter((e) => e.type === 'fit-start').map((e) => e.type === 'fit-start' && e.fit)).toEqual([0, 1]);
  });

  it("keeps the learner's own callbacks: plain objects and tfjs Callback instances together", async () => {
    const prelude = 'const seen: number[] = [];';
    const code = `${TRAIN(
      '{ epochs: 20, batchSize: 16, callbacks: [{ onEpochEnd: (epoch) => { seen.push(epoch); } }, tf.callbacks.earlyStopping({ monitor: "loss", patience: 0, minDelta: 100 })] }',
      prelude,
    )}\nconsole.log(seen.join(','));`;
    const { result, logs, events } = await run(code);
    expect(result.status).toBe('ok');
    // earlyStopping with an impossible minDelta stops after the second epoch; our callback saw the same epochs.
    expect(logs).toEqual(['0,1']);
    expect(fitEvents(events).filter((e) => e.type === 'fit-epoch')).toHaveLength(2);
  });

  it('accepts a single callback object, as tfjs does', async () => {
    const code = `${TRAIN('{ epochs: 2, callbacks: { onTrainEnd: () => console.log("trained") } }')}`;
    const { result, logs } = await run(code);
    expect(result.status).toBe('ok');
    expect(logs).toEqual(['trained']);
  });

  it('waits for a fit the learner forgot to await, and says so', async () => {
    // Each epoch waits 5 ms, so the fit is surely still running when the module body ends.
    const code = TRAIN('{ epochs: 30, callbacks: { onEpochEnd: () => new Promise((resolve) => setTimeout(resolve, 5)) } }').replace(
      'export const history = await model.fit',
      'model.fit',
    );
    const checks =
      "import { defineChecks, expect } from 'grading';\nexport default defineChecks([{ title: 'trained', test({ fits }) { expect(fits[0].history.loss.length).toBe(30); } }]);";
    const { result, logs } = await run(code, { checks });
    expect(logs[0]).toMatch(/still running when your code finished/);
    expect(result.checks?.[0]?.status).toBe('pass');
  });

  it('leaves fits outside a run alone', async () => {
    const tf = await import('@tensorflow/tfjs');
    const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [1] })] });
    model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
    const xs = tf.ones([4, 1]);
    const history = await model.fit(xs, xs, { epochs: 1 });
    expect(history.history.loss).toHaveLength(1);
    tf.dispose([xs]);
    model.dispose();
  });
});
