/**
 * `show` in a run (in-process runner, real lab): each call becomes one `show` event with a
 * bounded view, the checks read `shown`, a flood is capped with a notice, and the pixels sent
 * are the shipped data's bytes.
 */
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import * as grading from 'grading';
import * as lab from 'lab';
import { beforeAll, describe, expect, it } from 'vitest';
import { createInProcessRunner } from '../../../src/sandbox/in-process/in-process-runner.ts';
import { MAX_SHOW_VIEWS, type RunEvent, type ShowView } from '../../../src/sandbox/protocol.ts';
import { fileFetch } from '../../../src/lab/node-fetch.ts';
import { createShowRecorder } from '../../../src/sandbox/worker/show-recorder.ts';
import type { ShowView as View } from '../../../src/lab/show-views.ts';
import { ASSET_BASE, PUBLIC_DIR } from '../lab/setup-lab.ts';

const runner = createInProcessRunner({ tf, lab, grading, fetch: fileFetch as typeof fetch });

async function run(code: string, checks?: string) {
  const events: RunEvent[] = [];
  const result = await runner.run(
    { exercise: 'test/show', code, ...(checks ? { checks } : {}), backend: 'cpu', timeLimitMs: 60_000, assetBase: ASSET_BASE },
    { onEvent: (event) => events.push(event) },
  );
  const views = events.flatMap((e) => (e.type === 'show' ? [e.view] : []));
  const logs = events.flatMap((e) => (e.type === 'log' ? [e.text] : []));
  return { result, views, logs };
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('show in a run', () => {
  it('sends one view per call and lists them for the checks', async () => {
    const { result, views } = await run(
      `import * as tf from '@tensorflow/tfjs';
       import { show, datasets, evaluate, models } from 'lab';
       const data = await datasets.load('fashion-source', { split: 'test', perClass: 2, seed: 7 });
       const model = await models.fashionCnn({ weights: 'pretrained' });
       const out = model.predict(data.xs) as tf.Tensor;
       show.images(data, { predictions: out, name: 'ten' });
       const result = await evaluate(model, data);
       show.confusion(result, data);
       show.perClass(result);
       show.filters(model, 'conv1');
       show.activations(model, data.xs, ['conv1', 'conv3']);
       show.table([{ a: 1 }, { a: 2 }]);
       out.dispose();`,
      `import { defineChecks, expect } from 'grading';
       export default defineChecks([{ title: 'shown', test({ shown }) {
         expect(shown.map((v) => v.kind)).toEqual(['images', 'confusion', 'per-class', 'filters', 'activations', 'table']);
         expect(shown[0]).toEqual({ kind: 'images', name: 'ten', count: 10, images: 10, wrong: shown[0].wrong });
         expect(shown[1].images).toBe(10);
       } }]);`,
    );
    expect(result.status, JSON.stringify(result.error)).toBe('ok');
    expect(result.checks?.map((c) => [c.status, c.message])).toEqual([['pass', undefined]]);
    expect(views.map((v) => v.kind)).toEqual(['images', 'confusion', 'per-class', 'filters', 'activations', 'table']);
    const images = views[0] as Extract<ShowView, { kind: 'images' }>;
    expect(images.labels).toHaveLength(10);
    expect(images.predicted).toHaveLength(10);
    expect(images.images.pixels).toBeInstanceOf(Uint8Array);
    const filters = views[3] as Extract<ShowView, { kind: 'filters' }>;
    expect([filters.images.count, filters.images.width, filters.images.height, filters.inputChannels]).toEqual([16, 3, 3, 1]);
    const activations = views[4] as Extract<ShowView, { kind: 'activations' }>;
    expect(activations.layers.map((l) => [l.layer, l.maps.width, l.maps.count, l.channels])).toEqual([
      ['conv1', 28, 16, 16],
      ['conv3', 14, 32, 32],
    ]);
  });

  it("sends the shipped data's bytes as the pixels", async () => {
    const { views } = await run(
      `import { show, datasets } from 'lab';
       const data = await datasets.load('fashion-target', { split: 'test', perClass: 1, seed: 3 });
       show.images(data);`,
    );
    const view = views[0] as Extract<ShowView, { kind: 'images' }>;
    const file = readFileSync(`${PUBLIC_DIR}/data/fashion-mnist/target-test.bin`);
    const records = new Set<string>();
    for (let r = 0; r < file.length / 785; r++) records.add(file.subarray(r * 785 + 1, (r + 1) * 785).toString('base64'));
    expect(view.images.count).toBe(5);
    for (let i = 0; i < view.images.count; i++) {
      const pixels = Buffer.from(view.images.pixels.subarray(i * 784, (i + 1) * 784)).toString('base64');
      expect(records.has(pixels), `image ${i} is a record of target-test.bin`).toBe(true);
    }
  });

  it('caps a flood of show calls, with a notice, and the checks see only the kept ones', async () => {
    const { result, views, logs } = await run(
      `import { show } from 'lab';
       for (let i = 0; i < 10_000; i++) show.table([{ i }]);`,
      `import { defineChecks, expect } from 'grading';
       export default defineChecks([{ title: 'n', test({ shown }) { expect(shown.length).toBe(${MAX_SHOW_VIEWS}); } }]);`,
    );
    expect(result.checks?.[0]?.status).toBe('pass');
    expect(views).toHaveLength(MAX_SHOW_VIEWS);
    expect(logs.filter((l) => l.startsWith('show: this run has drawn'))).toHaveLength(1);
    expect(logs.at(-1)).toBe(`… ${(10_000 - MAX_SHOW_VIEWS).toLocaleString('en-US')} more show calls were not drawn (the limit is ${MAX_SHOW_VIEWS} views per run).`);
  });

  it('explains bad input', async () => {
    const { result } = await run(`import { show, models } from 'lab';
      const model = await models.fashionCnn({ weights: 'pretrained' });
      show.filters(model, 'dense');`);
    expect(result.error?.message).toMatch(/"dense" is a Dense layer; filters are the kernels of a Conv2D layer/);
    const missing = await run(`import { show, models } from 'lab';
      const model = await models.fashionCnn({ weights: 'pretrained' });
      show.filters(model, 'conv9');`);
    expect(missing.result.error?.message).toMatch(/no layer "conv9"; its layers are conv1, conv2/);
  });

  it('refuses oversized input with a message, and caps a grid of 10,000 images at 100 with a notice', async () => {
    const big = await run(`import * as tf from '@tensorflow/tfjs';
      import { show } from 'lab';
      show.images(tf.zeros([2, 256, 256, 1]));`);
    expect(big.result.error?.message).toMatch(/images of at most 128×128 pixels can be shown, got 256×256/);
    const many = await run(`import * as tf from '@tensorflow/tfjs';
      import { show } from 'lab';
      const xs = tf.randomUniform([10_000, 28, 28, 1]);
      show.images(xs, { n: 10_000 });
      xs.dispose();`);
    const view = many.views[0] as Extract<ShowView, { kind: 'images' }>;
    expect(view.images.count).toBe(100);
    expect(view.images.pixels.length).toBe(100 * 784);
    expect(view.notices).toEqual(['Showing 100 of 10,000 images (the most one view shows).']);
  });
});

describe('the run-wide byte cap', () => {
  it('stops sending views past the run budget, says so once, and counts the rest', () => {
    const sent: View[] = [];
    const notices: string[] = [];
    const recorder = createShowRecorder({ send: (v) => sent.push(v), notice: (t) => notices.push(t), maxBytes: 2000 });
    const view = (): View => ({ kind: 'images', images: { width: 28, height: 28, channels: 1, count: 1, pixels: new Uint8Array(784) }, total: 1, notices: [] });
    for (let i = 0; i < 5; i++) if (recorder.sink.admit('images')) recorder.sink.deliver(view());
    expect(sent).toHaveLength(2);
    expect(recorder.shown).toHaveLength(2);
    expect(recorder.dropped).toBe(3);
    expect(notices).toEqual(["show: this run's views hold 0.002 MB of pixels, the most one run sends; later show calls are skipped."]);
    expect(recorder.capNote()).toBe('… 3 more show calls were not drawn (the limit is 0.002 MB of pixels per run).');
  });
});

