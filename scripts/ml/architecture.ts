/**
 * The base convnet. Layers carry names lessons can point at:
 *   block 1: conv1, conv2, pool1
 *   block 2: conv3, conv4, pool2      ("the top conv block")
 *   features                           (flatten of pool2: the cut point for transfer)
 *   dense                              (penultimate layer)
 *   head                               (softmax over the source classes)
 */
import * as tf from '@tensorflow/tfjs';

export interface ArchitectureOptions {
  /** Filters in block 1; block 2 has twice as many. */
  width: number;
  /** Units of the penultimate dense layer. */
  denseUnits: number;
  numClasses: number;
  /** Seeds every initialiser, so a pretraining run is reproducible. */
  seed: number;
}

export const DEFAULT_ARCHITECTURE: Omit<ArchitectureOptions, 'numClasses' | 'seed'> = {
  width: 16,
  denseUnits: 128,
};

export function buildFashionCnn(options: ArchitectureOptions): tf.Sequential {
  const { width, denseUnits, numClasses, seed } = options;
  let layerSeed = seed;
  const init = () => tf.initializers.glorotUniform({ seed: layerSeed++ });
  const conv = (name: string, filters: number, inputShape?: [number, number, number]) =>
    tf.layers.conv2d({
      name,
      filters,
      kernelSize: 3,
      padding: 'same',
      activation: 'relu',
      kernelInitializer: init(),
      ...(inputShape ? { inputShape } : {}),
    });
  return tf.sequential({
    name: 'fashion_cnn',
    layers: [
      conv('conv1', width, [28, 28, 1]),
      conv('conv2', width),
      tf.layers.maxPooling2d({ name: 'pool1', poolSize: 2 }),
      conv('conv3', 2 * width),
      conv('conv4', 2 * width),
      tf.layers.maxPooling2d({ name: 'pool2', poolSize: 2 }),
      tf.layers.flatten({ name: 'features' }),
      tf.layers.dense({ name: 'dense', units: denseUnits, activation: 'relu', kernelInitializer: init() }),
      tf.layers.dense({ name: 'head', units: numClasses, activation: 'softmax', kernelInitializer: init() }),
    ],
  });
}
