/**
 * Pretrained models, loaded torchvision-style: each call returns a fresh,
 * independent tf.LayersModel. Downloaded files are cached, models are not.
 */
import * as tf from '@tensorflow/tfjs';
import { assetUrl, fetchBytes, fetchJson } from './config.ts';
import { MODEL_DIR } from './card.ts';

/** `'pretrained'`: the trained weights. `null`: the same architecture, freshly initialised. */
export type Weights = 'pretrained' | null;

export interface FashionCnnOptions {
  weights?: Weights;
  /** With `weights: null`: seed the initialisers, so the random model is the same every run. */
  seed?: number;
}

/** A LayersModel served as `model.json` + weight files, e.g. listed in the course config. */
export interface ModelSource {
  /** Absolute URL of the `model.json` (weight files are resolved next to it). */
  url: string;
  /** One input, without the batch axis, e.g. [224, 224, 3]; checked against the model. */
  inputShape: readonly number[];
  /** Return the model cut after this layer (its output becomes the model's output). */
  cutAt?: string;
  weights?: Weights;
  seed?: number;
}

interface ModelJson {
  modelTopology: unknown;
  weightsManifest?: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
}

function isModelJson(value: unknown): value is ModelJson {
  return typeof value === 'object' && value !== null && 'modelTopology' in value;
}

/** Sets (or clears) every initialiser seed in a Keras topology, so `weights: null` is really random unless seeded. */
function reseedInitializers(node: unknown, seed: number | undefined, counter = { next: 0 }): unknown {
  if (Array.isArray(node)) return node.map((item) => reseedInitializers(item, seed, counter));
  if (typeof node !== 'object' || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    out[key] = key === 'seed' ? (seed === undefined ? null : seed + counter.next++) : reseedInitializers(value, seed, counter);
  }
  return out;
}

async function concatenated(buffers: ArrayBuffer[]): Promise<ArrayBuffer> {
  const total = buffers.reduce((n, b) => n + b.byteLength, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const buffer of buffers) {
    out.set(new Uint8Array(buffer), offset);
    offset += buffer.byteLength;
  }
  return out.buffer;
}

/** The one loader behind every model: fetch model.json (+ weights), build a new model. */
async function loadLayersModelFrom(url: string, weights: Weights, seed?: number): Promise<tf.LayersModel> {
  const json = await fetchJson(url);
  if (!isModelJson(json)) throw new Error(`${url} is not a TensorFlow.js LayersModel (no modelTopology)`);
  if (weights === null) {
    return tf.models.modelFromJSON({ modelTopology: reseedInitializers(json.modelTopology, seed) as tf.io.ModelJSON['modelTopology'] });
  }
  const manifest = json.weightsManifest ?? [];
  const paths = manifest.flatMap((group) => group.paths);
  const buffers = await Promise.all(paths.map((path) => fetchBytes(new URL(path, url).href)));
  return tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: json.modelTopology as tf.io.ModelArtifacts['modelTopology'],
      weightSpecs: manifest.flatMap((group) => group.weights),
      // A copy: the cached download must stay intact for the next call.
      weightData: await concatenated(buffers),
    }),
  );
}

/**
 * The course's base model: a small convnet pretrained on five Fashion-MNIST
 * classes (see `modelCard()`). Layers: conv1, conv2, pool1 | conv3, conv4,
 * pool2 (the top block) | features (flatten) | dense | head (softmax).
 * Input [n, 28, 28, 1] in [0, 1]. Every call returns a new, independent model.
 *
 * @param options `{ weights: 'pretrained' }` (default) or `{ weights: null }` for random weights.
 * @example
 * const base = await models.fashionCnn();
 * base.summary();
 * const features = base.getLayer('features');
 */
export function fashionCnn(options: FashionCnnOptions = { weights: 'pretrained' }): Promise<tf.LayersModel> {
  const weights = options.weights === undefined ? 'pretrained' : options.weights;
  return loadLayersModelFrom(assetUrl(`${MODEL_DIR}/model.json`), weights, options.seed);
}

/**
 * Loads any TensorFlow.js LayersModel by URL (for example MobileNet v1 from a
 * server the course can reach), optionally cut after a layer so its output is
 * a feature vector. Every call returns a new, independent model.
 *
 * @example
 * const features = await models.fromUrl({ url: 'https://example.org/mobilenet/model.json', inputShape: [224, 224, 3], cutAt: 'conv_pw_13_relu' });
 */
export async function fromUrl(source: ModelSource): Promise<tf.LayersModel> {
  const model = await loadLayersModelFrom(source.url, source.weights === undefined ? 'pretrained' : source.weights, source.seed);
  const actual = (model.inputs[0]?.shape ?? []).slice(1);
  const matches = actual.length === source.inputShape.length && actual.every((d, i) => d === null || d === source.inputShape[i]);
  if (!matches) {
    model.dispose();
    throw new Error(`${source.url}: the model takes input [${actual.join(', ')}], the course config says [${source.inputShape.join(', ')}]`);
  }
  if (source.cutAt === undefined) return model;
  return cutAfter(model, source.cutAt);
}

/**
 * The part of `model` from its input up to and including layer `layerName`
 * (shares that part's layers and weights with `model`).
 *
 * @example
 * const extractor = models.cutAfter(base, 'features');
 */
export function cutAfter(model: tf.LayersModel, layerName: string): tf.LayersModel {
  const names = model.layers.map((l) => l.name);
  if (!names.includes(layerName)) {
    throw new Error(`cutAfter: no layer "${layerName}"; the layers are ${names.join(', ')}`);
  }
  const layer = model.getLayer(layerName);
  return tf.model({ inputs: model.inputs, outputs: layer.output, name: `${model.name}_to_${layerName}` });
}
