/**
 * The model toolkit against the real shipped model, in Node: weight changes
 * measured against the shipped weights, the messages of layerUnchanged /
 * layerChanged, connections read from the model's config, the optimizer.
 */
import * as tf from '@tensorflow/tfjs';
import * as lab from 'lab';
import { beforeAll, describe, expect as vitestExpect, it } from 'vitest';
import {
  defineChecks,
  expect,
  feedsInto,
  inputsOf,
  isPretrained,
  lastLayer,
  optimizerOf,
  runChecks,
  weightChange,
  type CheckResult,
} from 'grading';
import { configureLabForNode } from '../lab/setup-lab.ts';
import { fakeContext } from './context.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
  configureLabForNode();
});

/** Runs one check body inside runChecks (the toolkit needs the run's lab) and returns its result. */
async function check(test: () => Promise<void> | void): Promise<CheckResult> {
  const [result] = await runChecks(defineChecks([{ title: 'toolkit', test }]), fakeContext({ lab }), { timeoutMs: 30_000 });
  return result!;
}

async function cutModel(): Promise<tf.LayersModel> {
  const base = await lab.models.fashionCnn();
  const head = tf.layers.dense({ units: 5, activation: 'softmax', name: 'new_head' });
  return tf.model({ inputs: base.inputs, outputs: head.apply(base.getLayer('dense').output) as tf.SymbolicTensor });
}

function nudge(model: tf.LayersModel, layer: string, by: number): void {
  const target = model.getLayer(layer);
  target.setWeights(target.getWeights().map((w) => tf.tidy(() => w.mul(1 + by))));
}

describe('the model toolkit', () => {
  it('measures no change for the shipped weights and the relative change after training-like nudges', async () => {
    const model = await cutModel();
    let unchanged = NaN;
    let moved = NaN;
    const result = await check(async () => {
      unchanged = await weightChange(model, 'conv1');
      nudge(model, 'conv3', 0.05);
      moved = await weightChange(model, 'conv3');
    });
    vitestExpect(result.status).toBe('pass');
    vitestExpect(unchanged).toBe(0);
    vitestExpect(moved).toBeCloseTo(0.05, 4);
  });

  it('layerUnchanged and layerChanged name the layer, the size of the gap and the cause', async () => {
    const model = await cutModel();
    nudge(model, 'conv1', 0.032);
    const unchanged = await check(() => expect.layerUnchanged(model, 'conv1', { cause: 'keep it frozen' }));
    vitestExpect(unchanged.message).toBe('`conv1` should keep its pretrained weights, but they moved 3.2%: keep it frozen');
    const notMoved = await check(() => expect.layerChanged(model, 'conv3', { atMost: 0.1, cause: 'did you compile again after setting trainable?' }));
    vitestExpect(notMoved.message).toBe('`conv3` did not change: did you compile again after setting trainable?');
    nudge(model, 'conv4', 0.5);
    const tooFar = await check(() => expect.layerChanged(model, 'conv4', { atMost: 0.1 }));
    vitestExpect(tooFar.message).toBe('`conv4` moved 50% from its pretrained weights, more than the 10% allowed.');
    vitestExpect((await check(() => expect.layerChanged(model, 'conv1', { atMost: 0.1 }))).status).toBe('pass');
  });

  it('fails (not crashes) for a missing layer, and tells a fresh layer from the pretrained one', async () => {
    const model = await cutModel();
    const missing = await check(() => expect.layerUnchanged(model, 'head'));
    vitestExpect(missing.message).toMatch(/^Your model has no layer named `head` \(it has \[/);
    let results: boolean[] = [];
    await check(async () => {
      results = [await isPretrained(model, 'conv2'), await isPretrained(model, 'new_head', { against: 'head' })];
    });
    vitestExpect(results).toEqual([true, false]);
    const scratch = await lab.models.fashionCnn({ weights: null });
    await check(async () => {
      results = [await isPretrained(scratch, 'conv1')];
    });
    vitestExpect(results).toEqual([false]);
  });

  it("throws an author's error (a crash, not a failure) naming a layer the shipped model lacks", async () => {
    const model = await cutModel();
    const result = await check(() => weightChange(model, 'nope').then(() => undefined));
    vitestExpect(result.message).toMatch(/^This check crashed: Error: weightChange: the shipped model has no layer "nope"/);
  });

  it('reads the connections of this model only, and the optimizer of the last compile', async () => {
    const model = await cutModel();
    vitestExpect(inputsOf(model, lastLayer(model).name)).toEqual(['dense']);
    vitestExpect(feedsInto(model, 'dense')).toEqual(['new_head']);
    vitestExpect(inputsOf(model, 'conv1')).toEqual([model.inputs[0]!.sourceLayer.name]);
    vitestExpect(optimizerOf(model)).toBeUndefined();
    model.compile({ optimizer: tf.train.momentum(0.001, 0.9), loss: 'categoricalCrossentropy' });
    vitestExpect(optimizerOf(model)).toEqual({ name: 'Momentum', learningRate: 0.001, momentum: 0.9 });
  });
});
