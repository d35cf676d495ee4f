/**
 * The layer table of a TF.js LayersModel, read from its model.json at build
 * time (no tfjs needed): each layer's name, class, output shape and parameter
 * count, like tfjs-vis's `show.modelSummary`. Used by <ModelDiagram>.
 */
import { readFileSync } from 'node:fs';

export interface LayerRow {
  name: string;
  className: string;
  /** Without the batch dimension, e.g. [28, 28, 16]. */
  outputShape: number[];
  params: number;
  /** A short reading of the layer's settings, e.g. "16 filters 3×3, relu". */
  detail: string;
}

interface LayerJson { class_name: string; config: Record<string, unknown> }

function convOut(size: number, kernel: number, stride: number, padding: unknown): number {
  return padding === 'same' ? Math.ceil(size / stride) : Math.floor((size - kernel) / stride) + 1;
}

function pair(value: unknown, fallback: number): [number, number] {
  if (Array.isArray(value)) return [Number(value[0]), Number(value[1] ?? value[0])];
  if (typeof value === 'number') return [value, value];
  return [fallback, fallback];
}

/** The output shape of one layer, given its input shape. Throws for a layer class it does not know. */
function outputShapeOf(layer: LayerJson, input: number[]): { shape: number[]; detail: string } {
  const c = layer.config;
  const act = typeof c.activation === 'string' && c.activation !== 'linear' ? `, ${c.activation}` : '';
  switch (layer.class_name) {
    case 'Conv2D': {
      const [kh, kw] = pair(c.kernel_size, 1);
      const [sh, sw] = pair(c.strides, 1);
      return {
        shape: [convOut(input[0]!, kh, sh, c.padding), convOut(input[1]!, kw, sw, c.padding), Number(c.filters)],
        detail: `${c.filters} filters ${kh}×${kw}${act}`,
      };
    }
    case 'MaxPooling2D':
    case 'AveragePooling2D': {
      const [ph, pw] = pair(c.pool_size, 2);
      const [sh, sw] = pair(c.strides ?? c.pool_size, 2);
      return { shape: [convOut(input[0]!, ph, sh, c.padding), convOut(input[1]!, pw, sw, c.padding), input[2]!], detail: `${ph}×${pw}` };
    }
    case 'GlobalAveragePooling2D':
    case 'GlobalMaxPooling2D':
      return { shape: [input[2]!], detail: '' };
    case 'Flatten':
      return { shape: [input.reduce((a, b) => a * b, 1)], detail: 'to one vector' };
    case 'Dense':
      return { shape: [...input.slice(0, -1), Number(c.units)], detail: `${c.units} units${act}` };
    case 'Dropout':
      return { shape: input, detail: `rate ${c.rate}` };
    case 'BatchNormalization':
    case 'Activation':
    case 'ReLU':
      return { shape: input, detail: typeof c.activation === 'string' ? c.activation : '' };
    default:
      throw new Error(`model summary: layer "${String(c.name)}" is a ${layer.class_name}, which the diagram cannot size yet`);
  }
}

/** Reads a Sequential model.json (the shape tfjs `model.save` writes) into one row per layer. */
export function modelSummary(modelJsonPath: string): { input: number[]; layers: LayerRow[]; totalParams: number } {
  const json = JSON.parse(readFileSync(modelJsonPath, 'utf8')) as {
    modelTopology?: { class_name?: string; config?: { layers?: LayerJson[] } };
    weightsManifest?: { weights: { name: string; shape: number[] }[] }[];
  };
  const layers = json.modelTopology?.config?.layers;
  if (json.modelTopology?.class_name !== 'Sequential' || !Array.isArray(layers) || layers.length === 0) {
    throw new Error(`model summary: ${modelJsonPath} is not a Sequential model with layers`);
  }
  const first = layers[0]!.config.batch_input_shape;
  if (!Array.isArray(first)) throw new Error(`model summary: the first layer of ${modelJsonPath} has no batch_input_shape`);
  const input = (first as number[]).slice(1);
  // Parameters come from the weights the file ships: "conv1/kernel" belongs to layer conv1.
  const paramsOf = new Map<string, number>();
  for (const group of json.weightsManifest ?? []) {
    for (const w of group.weights) {
      const layer = w.name.split('/')[0]!;
      paramsOf.set(layer, (paramsOf.get(layer) ?? 0) + w.shape.reduce((a, b) => a * b, 1));
    }
  }
  let shape = input;
  const rows = layers.map((layer) => {
    const { shape: out, detail } = outputShapeOf(layer, shape);
    shape = out;
    const name = String(layer.config.name);
    return { name, className: layer.class_name, outputShape: out, params: paramsOf.get(name) ?? 0, detail };
  });
  return { input, layers: rows, totalParams: rows.reduce((sum, r) => sum + r.params, 0) };
}

/** "28×28×16" */
export function shapeText(shape: number[]): string {
  return shape.join('×');
}
