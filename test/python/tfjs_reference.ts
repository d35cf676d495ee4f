/**
 * TensorFlow.js's side of the PyTorch parity tests (test/python/): runs `lab`
 * and tfjs in Node (wasm backend, as in the browser) and writes what it
 * computed, so pytest can compare `transferlab` against it.
 *
 *   npx node test/python/tfjs_reference.ts <command> <out dir>
 *
 * commands:
 *   indices        datasets.load for several names, splits, perClass and seeds:
 *                  labels and a SHA-256 of every image's float32 pixels (indices.json)
 *   source-test    the shipped model's probabilities on every image of the five source
 *                  classes in Debian's official t10k file (source-test.json + .bin)
 *   predict-model  <out dir> <model.json>: the top class TF.js gives every target test image
 *                  with that model (a downloaded "my-model.json"), and its accuracy on the 200 per
 *                  class the exercises score on (predict-model.json)
 *   random-models  two models with every layer type the converter handles (BatchNormalization,
 *                  Dropout, strided 'same' convs, depthwise, branches), random weights,
 *                  saved as TF.js files, with inputs and TF.js outputs (random-models.json + .bin)
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { configureLab } from '../../src/lab/config.ts';
import { load } from '../../src/lab/datasets.ts';
import { fashionCnn } from '../../src/lab/models.ts';
import { fileFetch } from '../../src/lab/node-fetch.ts';
import { seededRandom } from '../../src/lab/random.ts';

const [command, outArg] = process.argv.slice(2);
if (!command || !outArg) {
  console.error('usage: npx node test/python/tfjs_reference.ts indices|source-test|random-models|predict-model <out dir> [model.json]');
  process.exit(2);
}
const out = resolve(outArg);
mkdirSync(out, { recursive: true });
configureLab({ assetBase: pathToFileURL(resolve('public') + '/').href, fetch: fileFetch });
if (!(await tf.setBackend('wasm'))) throw new Error('tfjs wasm backend did not start');
await tf.ready();

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function indices() {
  const cases = [
    { name: 'fashion-target', split: 'train', perClass: 20, seed: 1 },
    { name: 'fashion-target', split: 'train', perClass: 5, seed: 3 },
    { name: 'fashion-target', split: 'train', perClass: 200, seed: 12345 },
    { name: 'fashion-target', split: 'test', seed: 0 },
    { name: 'fashion-source', split: 'test', perClass: 2, seed: 7 },
    { name: 'fashion-source', split: 'train', seed: 4294967295 },
    // Lesson 3's validation images: the 20 after the first 20 of the same seed's sample.
    { name: 'fashion-target', split: 'train', perClass: 20, seed: 1, skip: 20 },
    // The test images the exercises score on: lessons 4 and 5 (200 per class), lesson 6's compare (100).
    { name: 'fashion-target', split: 'test', perClass: 200, seed: 0 },
    { name: 'fashion-target', split: 'test', perClass: 100, seed: 0 },
  ] as const;
  const results = [];
  for (const c of cases) {
    const data = await load(c.name, { split: c.split, ...('perClass' in c ? { perClass: c.perClass } : {}), ...('skip' in c ? { skip: c.skip } : {}), seed: c.seed });
    const pixels = new Uint8Array((await data.xs.data()).buffer);
    const perImage = 28 * 28 * 4;
    const images = [];
    for (let i = 0; i < data.labels.length; i++) images.push(sha256(pixels.subarray(i * perImage, (i + 1) * perImage)));
    results.push({ ...c, labels: data.labels, images });
    data.dispose();
  }
  writeFileSync(join(out, 'indices.json'), JSON.stringify(results));
}

/** Debian's dataset-fashion-mnist: the official test split, as [n, 784] uint8 + labels. */
function officialTest(): { pixels: Uint8Array; labels: Uint8Array } {
  const dir = '/usr/share/datasets/fashion-mnist';
  let images: Buffer, labels: Buffer;
  try {
    images = gunzipSync(readFileSync(join(dir, 't10k-images-idx3-ubyte.gz')));
    labels = gunzipSync(readFileSync(join(dir, 't10k-labels-idx1-ubyte.gz')));
  } catch (error) {
    throw new Error(`Fashion-MNIST's official test files are missing (${String(error)}): sudo apt-get install dataset-fashion-mnist`);
  }
  return { pixels: new Uint8Array(images.buffer, images.byteOffset + 16, images.length - 16), labels: new Uint8Array(labels.buffer, labels.byteOffset + 8, labels.length - 8) };
}

async function sourceTest() {
  const card = JSON.parse(readFileSync('public/models/fashion-cnn/card.json', 'utf8')) as { sourceClasses: { label: number }[] };
  const source = card.sourceClasses.map((c) => c.label);
  const { pixels, labels } = officialTest();
  const chosen: number[] = [];
  labels.forEach((label, i) => source.includes(label) && chosen.push(i));
  const model = await fashionCnn({ weights: 'pretrained' });
  const floats = new Float32Array(chosen.length * 784);
  chosen.forEach((record, n) => {
    for (let p = 0; p < 784; p++) floats[n * 784 + p] = pixels[record * 784 + p]! / 255;
  });
  const xs = tf.tensor4d(floats, [chosen.length, 28, 28, 1]);
  const probs = tf.tidy(() => model.predict(xs, { batchSize: 256 }) as tf.Tensor);
  writeFileSync(join(out, 'source-test.bin'), new Uint8Array((await probs.data() as Float32Array).buffer));
  writeFileSync(join(out, 'source-test.json'), JSON.stringify({ records: chosen, classes: 5, sourceLabels: source }));
  tf.dispose([xs, probs]);
}

/** Fills every weight (BatchNormalization statistics included) with seeded random values. */
function randomize(model: tf.LayersModel, seed: number) {
  const random = seededRandom(seed);
  for (const layer of model.layers) {
    const values = layer.getWeights().map((w, i) => {
      const name = layer.weights[i]!.originalName;
      const size = w.size;
      const data = new Float32Array(size);
      for (let k = 0; k < size; k++) {
        const u = random();
        data[k] = name.endsWith('moving_variance') ? 0.5 + u : name.endsWith('gamma') ? 0.5 + u : (u - 0.5) * 0.6;
      }
      return tf.tensor(data, w.shape);
    });
    if (values.length) layer.setWeights(values);
  }
}

async function save(model: tf.LayersModel, dir: string) {
  mkdirSync(dir, { recursive: true });
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      writeFileSync(join(dir, 'model.json'), JSON.stringify({
        format: 'layers-model', generatedBy: 'test', convertedBy: null,
        modelTopology: artifacts.modelTopology,
        weightsManifest: [{ paths: ['./weights.bin'], weights: artifacts.weightSpecs }],
      }));
      writeFileSync(join(dir, 'weights.bin'), new Uint8Array(artifacts.weightData as ArrayBuffer));
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
}

async function randomModels() {
  // A Sequential model: BatchNormalization after convs and after the flatten, Dropout,
  // strided 'same' convs (TF pads bottom/right more), 'same' max pooling on an odd size.
  const seq = tf.sequential({ name: 'bn_dropout' });
  seq.add(tf.layers.conv2d({ inputShape: [13, 11, 2], filters: 6, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu', name: 'c1' }));
  seq.add(tf.layers.batchNormalization({ name: 'bn1', epsilon: 0.01 }));
  seq.add(tf.layers.conv2d({ filters: 5, kernelSize: [2, 3], padding: 'same', name: 'c2' }));
  seq.add(tf.layers.activation({ activation: 'elu', name: 'act' }));
  seq.add(tf.layers.maxPooling2d({ poolSize: 2, padding: 'same', name: 'p1' }));
  seq.add(tf.layers.dropout({ rate: 0.3, name: 'drop1' }));
  seq.add(tf.layers.flatten({ name: 'flat' }));
  seq.add(tf.layers.batchNormalization({ name: 'bn2' }));
  seq.add(tf.layers.dense({ units: 7, activation: 'tanh', name: 'd1' }));
  seq.add(tf.layers.dropout({ rate: 0.5, name: 'drop2' }));
  seq.add(tf.layers.dense({ units: 4, activation: 'softmax', name: 'out' }));

  // A functional model: two branches (depthwise and valid conv), Concatenate, Add, global pooling.
  const input = tf.input({ shape: [9, 9, 3], name: 'img' });
  const a = tf.layers.depthwiseConv2d({ kernelSize: 3, depthMultiplier: 2, padding: 'same', name: 'dw' }).apply(input) as tf.SymbolicTensor;
  const b = tf.layers.conv2d({ filters: 6, kernelSize: 1, activation: 'relu', name: 'pw' }).apply(input) as tf.SymbolicTensor;
  const sum = tf.layers.add({ name: 'sum' }).apply([a, b]) as tf.SymbolicTensor;
  const cat = tf.layers.concatenate({ name: 'cat' }).apply([sum, b]) as tf.SymbolicTensor;
  const bn = tf.layers.batchNormalization({ name: 'bn' }).apply(cat) as tf.SymbolicTensor;
  const pooled = tf.layers.globalAveragePooling2d({ name: 'gap' }).apply(bn) as tf.SymbolicTensor;
  const logits = tf.layers.dense({ units: 3, activation: 'softmax', name: 'cls' }).apply(pooled) as tf.SymbolicTensor;
  const graph = tf.model({ inputs: input, outputs: logits, name: 'branches' });

  const report = [];
  const chunks: Uint8Array[] = [];
  let offset = 0;
  for (const [i, model] of [seq, graph].entries()) {
    randomize(model, 100 + i);
    await save(model, join(out, model.name));
    const shape = (model.inputs[0]!.shape.slice(1) as number[]);
    const random = seededRandom(7 + i);
    const n = 8;
    const data = new Float32Array(n * shape.reduce((x, y) => x * y, 1)).map(() => random());
    const x = tf.tensor(data, [n, ...shape]);
    const y = model.predict(x) as tf.Tensor;
    const yData = (await y.data()) as Float32Array;
    chunks.push(new Uint8Array(data.buffer), new Uint8Array(yData.buffer));
    report.push({ name: model.name, n, inputShape: shape, outputShape: y.shape.slice(1), inputOffset: offset, outputOffset: offset + data.byteLength });
    offset += data.byteLength + yData.byteLength;
    tf.dispose([x, y]);
  }
  writeFileSync(join(out, 'random-models.bin'), Buffer.concat(chunks));
  writeFileSync(join(out, 'random-models.json'), JSON.stringify(report));
}

async function predictModel(path: string) {
  const json = JSON.parse(readFileSync(path, 'utf8')) as { modelTopology: tf.io.ModelArtifacts['modelTopology']; weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[] };
  const buffers = json.weightsManifest.flatMap((group) => group.paths.map((p) => readFileSync(join(path, '..', p))));
  const weightData = new Uint8Array(Buffer.concat(buffers)).buffer;
  const model = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest.flatMap((g) => g.weights), weightData }));
  const topClasses = async (data: { xs: tf.Tensor }) => {
    const top = tf.tidy(() => (model.predict(data.xs, { batchSize: 256 }) as tf.Tensor).argMax(-1));
    const classes = Array.from(await top.data());
    top.dispose();
    return classes;
  };
  // Every test image for the agreement with PyTorch; the accuracy on the 200 per class the exercises score on.
  const test = await load('fashion-target', { split: 'test' });
  const scored = await load('fashion-target', { split: 'test', perClass: 200 });
  const classes = await topClasses(test);
  const scoredClasses = await topClasses(scored);
  const accuracy = scoredClasses.filter((c, i) => c === scored.labels[i]).length / scoredClasses.length;
  writeFileSync(join(out, 'predict-model.json'), JSON.stringify({ classes, labels: test.labels, accuracy }));
  test.dispose();
  scored.dispose();
}

if (command === 'indices') await indices();
else if (command === 'predict-model') await predictModel(resolve(process.argv[4] ?? ''));
else if (command === 'source-test') await sourceTest();
else if (command === 'random-models') await randomModels();
else {
  console.error(`unknown command ${command}`);
  process.exit(2);
}
