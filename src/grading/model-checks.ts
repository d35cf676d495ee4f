/**
 * The checks toolkit for models: what five lessons used to write by hand.
 *
 *   await weightChange(model, 'conv3')            // 0.021: moved 2.1% from the shipped weights
 *   await expect.layerUnchanged(model, 'conv1')   // fails: "`conv1` should keep its pretrained weights, but they moved 3.2%"
 *   await expect.layerChanged(model, 'conv3', { atMost: 0.1, cause: 'did you compile again after setting trainable?' })
 *   await isPretrained(model, 'conv1')            // true when conv1 holds the shipped weights
 *   inputsOf(model, 'dense_Dense1')               // ['dense']: the layers feeding it, in this model
 *   feedsInto(model, 'dense')                     // ['dense_Dense1']: the layers it feeds, in this model
 *   lastLayer(model), findLayer(model, 'conv3')
 *   optimizerOf(model)                            // { name: 'Momentum', learningRate: 0.001, momentum: 0.9 }
 *
 * Everything here reads public TensorFlow.js API only (`layers`, `getWeights`,
 * `getConfig`, `getClassName`), so a lesson's checks never cast to private fields.
 * "The shipped weights" are those of `lab.models.fashionCnn()`, loaded once per
 * run: the helpers that need them work inside a check's test (they use the
 * run's `lab`), and say so when called elsewhere.
 */
import type * as TF from '@tensorflow/tfjs';
import type { CheckContext, LabLibrary } from './define.ts';
import { CheckFailure } from './failure.ts';
import { formatValue } from './format.ts';
import { NativeError, NativePromise, append, isArray, toFixed, toPrecision } from './intrinsics.ts';

/** A relative change at or below this is no change (float32 round-off of a copy is exactly 0 anyway). */
export const UNCHANGED_TOLERANCE = 1e-6;

/** The model type the helpers accept: anything with `layers` (a tf.LayersModel, a tf.Sequential). */
type Model = TF.LayersModel;
type Layer = TF.layers.Layer;

interface LayerWeights {
  shapes: number[][];
  values: Float32Array[];
}

let activeRun: CheckContext | undefined;
let pretrained: { run: CheckContext; weights: Promise<Map<string, LayerWeights>> } | undefined;

/** Called by runChecks before the checks of a run: the helpers load the shipped weights through its `lab`. */
export function enterCheckRun(ctx: CheckContext): void {
  activeRun = ctx;
}

/** The run whose checks are running (for helpers that read its fits or its `tf`), or undefined outside a check. */
export function currentCheckRun(): CheckContext | undefined {
  return activeRun;
}

/** The layer of `model` named `name`, or undefined (unlike `model.getLayer`, never throws). */
export function findLayer(model: Model, name: string): Layer | undefined {
  const layers = layersOf(model);
  for (let i = 0; i < layers.length; i++) if (layers[i]!.name === name) return layers[i];
  return undefined;
}

/** The model's last layer (its head), or fails the check when the model has none. */
export function lastLayer(model: Model): Layer {
  const layers = layersOf(model);
  const last = layers[layers.length - 1];
  if (last === undefined) throw new CheckFailure('Your model has no layers.', { expected: 'at least one layer', actual: 'no layers' });
  return last;
}

export interface WeightChangeOptions {
  /** Compare with this layer of the shipped model instead of the one of the same name, e.g. `{ against: 'head' }` for a new head. */
  against?: string;
}

/**
 * How far a layer's weights moved from the shipped pretrained ones, as a
 * fraction: ‖W − W₀‖ / ‖W₀‖ over all its weights (kernel and bias together).
 * 0 for a layer that kept them; about 1.4 for fresh random weights.
 * Fails the check when the model has no such layer or a different kind of layer
 * under that name; throws (an author's mistake) when the shipped model has none.
 */
export async function weightChange(model: Model, layerName: string, options: WeightChangeOptions = {}): Promise<number> {
  const reference = await shippedWeights('weightChange', options.against ?? layerName);
  const layer = requireLayer(model, layerName);
  const mine = await readWeights(layer);
  if (mine.values.length !== reference.values.length || !sameShapes(mine.shapes, reference.shapes)) {
    throw new CheckFailure(
      `\`${layerName}\` is not the pretrained layer: its weights have the shapes ${formatValue(mine.shapes)}, the pretrained ones ${formatValue(reference.shapes)}.`,
      { expected: formatValue(reference.shapes), actual: formatValue(mine.shapes) },
    );
  }
  let moved = 0;
  let size = 0;
  for (let t = 0; t < reference.values.length; t++) {
    const a = mine.values[t]!;
    const b = reference.values[t]!;
    for (let i = 0; i < b.length; i++) {
      const d = a[i]! - b[i]!;
      moved += d * d;
      size += b[i]! * b[i]!;
    }
  }
  // Not Math.sqrt: learner code may have replaced Math's methods (the grader then fails every check anyway).
  return size === 0 ? moved ** 0.5 : (moved / size) ** 0.5;
}

/**
 * True when the layer holds the shipped pretrained weights (a change of at most UNCHANGED_TOLERANCE);
 * false when it moved, is missing, or is another kind of layer under that name.
 */
export async function isPretrained(model: Model, layerName: string, options: WeightChangeOptions = {}): Promise<boolean> {
  if (findLayer(model, layerName) === undefined) return false;
  try {
    return (await weightChange(model, layerName, options)) <= UNCHANGED_TOLERANCE;
  } catch (error) {
    if (error instanceof CheckFailure) return false; // another kind of layer under that name
    throw error;
  }
}

export interface UnchangedOptions {
  /** Why it may have moved, said after the gap, e.g. 'keep it frozen: trainable = false in both phases'. */
  cause?: string;
}

/** Fails unless the layer still holds the shipped pretrained weights. */
export async function expectLayerUnchanged(model: Model, layerName: string, options: UnchangedOptions = {}): Promise<void> {
  const change = await weightChange(model, layerName);
  if (change <= UNCHANGED_TOLERANCE) return;
  const cause = options.cause ? `: ${options.cause}` : '.';
  throw new CheckFailure(`\`${layerName}\` should keep its pretrained weights, but they moved ${percent(change)}${cause}`, {
    expected: 'unchanged',
    actual: `moved ${percent(change)}`,
  });
}

export interface ChangedOptions {
  /** The largest change allowed, as a fraction (0.1 = 10%): "gently". */
  atMost?: number;
  /** The likely cause when the layer did not move at all, e.g. 'did you compile again after setting trainable?'. */
  cause?: string;
}

/** Fails unless the layer moved away from the shipped weights (and, with `atMost`, not too far). */
export async function expectLayerChanged(model: Model, layerName: string, options: ChangedOptions = {}): Promise<void> {
  const { atMost, cause } = options;
  if (atMost !== undefined && !(typeof atMost === 'number' && atMost > 0)) {
    throw new NativeError(`expect.layerChanged: atMost is a fraction above 0 (0.1 = 10%), got ${formatValue(atMost)}`);
  }
  const change = await weightChange(model, layerName);
  if (change <= UNCHANGED_TOLERANCE) {
    throw new CheckFailure(`\`${layerName}\` did not change${cause ? `: ${cause}` : ' during training.'}`, {
      expected: 'changed',
      actual: 'unchanged',
    });
  }
  if (atMost !== undefined && change > atMost) {
    throw new CheckFailure(`\`${layerName}\` moved ${percent(change)} from its pretrained weights, more than the ${percent(atMost)} allowed.`, {
      expected: `at most ${percent(atMost)}`,
      actual: percent(change),
    });
  }
}

/**
 * The names of the layers whose output feeds `layerName` in this model, read
 * from the model's public `getConfig()` (so a layer shared with the base model
 * reports only its connections inside this one). [] for an input layer.
 */
export function inputsOf(model: Model, layerName: string): string[] {
  requireLayer(model, layerName);
  const connections = connectionsOf(model);
  return connections.get(layerName) ?? [];
}

/** The names of the layers that take `layerName`'s output as input in this model. */
export function feedsInto(model: Model, layerName: string): string[] {
  requireLayer(model, layerName);
  const into: string[] = [];
  for (const [consumer, sources] of connectionsOf(model)) {
    if (sources.includes(layerName)) append(into, consumer);
  }
  return into;
}

export interface OptimizerFacts {
  /** The optimizer's class: 'SGD', 'Momentum', 'Adam'… */
  name: string;
  learningRate?: number;
  /** Momentum optimizers only. */
  momentum?: number;
}

/**
 * What the model was last compiled with, from the optimizer's public
 * `getConfig()`; undefined when the model was never compiled. For the learning
 * rate of each fit call, prefer `fits.at(-1).learningRate`.
 */
export function optimizerOf(model: Model): OptimizerFacts | undefined {
  const optimizer = (model as { optimizer?: TF.Optimizer }).optimizer;
  if (optimizer === undefined || optimizer === null) return undefined;
  const facts: OptimizerFacts = { name: optimizer.getClassName() };
  const config = optimizer.getConfig() as Record<string, unknown>;
  if (typeof config.learningRate === 'number') facts.learningRate = config.learningRate;
  if (typeof config.momentum === 'number') facts.momentum = config.momentum;
  return facts;
}

function layersOf(model: Model): Layer[] {
  const layers = (model as { layers?: unknown } | null | undefined)?.layers;
  if (!isArray(layers)) {
    throw new CheckFailure(`Expected a tf.LayersModel, got ${formatValue(model)}.`, { expected: 'a tf.LayersModel', actual: formatValue(model) });
  }
  return layers as Layer[];
}

function requireLayer(model: Model, layerName: string): Layer {
  const layer = findLayer(model, layerName);
  if (layer !== undefined) return layer;
  const names = layersOf(model).map((l) => l.name);
  throw new CheckFailure(`Your model has no layer named \`${layerName}\` (it has ${formatValue(names)}).`, {
    expected: `a layer named ${layerName}`,
    actual: formatValue(names),
  });
}

/** consumer layer name -> the names of the layers feeding it, inside this model. */
function connectionsOf(model: Model): Map<string, string[]> {
  const connections = new Map<string, string[]>();
  const layers = layersOf(model);
  if (model.getClassName() === 'Sequential') {
    for (let i = 0; i < layers.length; i++) connections.set(layers[i]!.name, i === 0 ? [] : [layers[i - 1]!.name]);
    return connections;
  }
  const config = model.getConfig() as { layers?: { name: string; inboundNodes?: unknown[][] }[] };
  for (const entry of config.layers ?? []) {
    const sources: string[] = [];
    for (const node of entry.inboundNodes ?? []) {
      for (const inbound of node as unknown[]) {
        const source = isArray(inbound) ? inbound[0] : undefined;
        if (typeof source === 'string' && !sources.includes(source)) append(sources, source);
      }
    }
    connections.set(entry.name, sources);
  }
  return connections;
}

async function readWeights(layer: Layer): Promise<LayerWeights> {
  const tensors = layer.getWeights();
  const shapes: number[][] = [];
  const values: Float32Array[] = [];
  for (const tensor of tensors) {
    append(shapes, [...tensor.shape]);
    append(values, Float32Array.from(await tensor.data()));
  }
  return { shapes, values };
}

async function shippedWeights(helper: string, layerName: string): Promise<LayerWeights> {
  const run = activeRun;
  if (run === undefined) throw new NativeError(`${helper}() works inside a check's test: it compares with the shipped weights through the run's lab`);
  if (pretrained?.run !== run) pretrained = { run, weights: loadShipped(run) };
  const weights = (await pretrained.weights).get(layerName);
  if (weights === undefined) {
    const known = [...(await pretrained.weights).keys()];
    throw new NativeError(`${helper}: the shipped model has no layer "${layerName}" (it has ${known.join(', ')})`);
  }
  return weights;
}

function loadShipped(run: CheckContext): Promise<Map<string, LayerWeights>> {
  const lab = run.lab as LabLibrary | undefined;
  if (lab === undefined || typeof lab.models?.fashionCnn !== 'function') {
    return NativePromise.reject(new NativeError('The model checks need the lab library to load the shipped weights, and this run has none'));
  }
  return lab.models.fashionCnn().then(async (base) => {
    const byLayer = new Map<string, LayerWeights>();
    try {
      for (const layer of base.layers) byLayer.set(layer.name, await readWeights(layer));
    } finally {
      base.dispose();
    }
    return byLayer;
  });
}

function sameShapes(a: number[][], b: number[][]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (a[i]!.length !== b[i]!.length) return false;
    for (let j = 0; j < a[i]!.length; j++) if (a[i]![j] !== b[i]![j]) return false;
  }
  return true;
}

/** 0.0321 -> "3.2%", 0.000012 -> "0.0012%". */
export function percent(fraction: number): string {
  const value = fraction * 100;
  if (value >= 10) return `${toFixed(value, 0)}%`;
  if (value >= 0.1) return `${toFixed(value, 1)}%`;
  return `${toPrecision(value, 2)}%`;
}
