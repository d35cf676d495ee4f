/**
 * Writes a LayersModel to a folder as the browser loads it: model.json plus
 * one weights file (tfjs has no file-system save handler outside tfjs-node).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { modelArtifacts } from './clone.ts';

export const WEIGHTS_FILE = 'weights.bin';

export async function saveModelToFolder(model: tf.LayersModel, folder: string): Promise<{ weightBytes: number }> {
  const artifacts = await modelArtifacts(model);
  if (!artifacts.weightData || !artifacts.weightSpecs) throw new Error('model has no weights to save');
  const weightData = tf.io.CompositeArrayBuffer.join(artifacts.weightData);
  mkdirSync(folder, { recursive: true });
  const modelJson = {
    format: 'layers-model',
    generatedBy: `TensorFlow.js tfjs-layers v${tf.version.tfjs}`,
    convertedBy: null,
    modelTopology: artifacts.modelTopology,
    weightsManifest: [{ paths: [`./${WEIGHTS_FILE}`], weights: artifacts.weightSpecs }],
  };
  writeFileSync(join(folder, 'model.json'), JSON.stringify(modelJson) + '\n');
  writeFileSync(join(folder, WEIGHTS_FILE), new Uint8Array(weightData));
  return { weightBytes: weightData.byteLength };
}
