/**
 * The grader's hidden holdout (written by scripts/data/build-holdout.ts): where it is, its
 * index, and scoring an exported model on it (and on the shipped test split, for comparison)
 * in Node, so the holdout images never enter a browser, let alone the site.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import * as tf from '@tensorflow/tfjs';
import { DATA_DIR, DATA_INDEX_FILE, DataIndexSchema, RECORD_BYTES } from '../../src/lab/data-index.ts';
import { PIXELS_PER_IMAGE, pixelsToInput } from '../../src/lab/preprocess.ts';
import { evaluate } from '../../src/lab/evaluate.ts';

/** Next to the teacher tools, outside public/ and dist/. */
export const HOLDOUT_DIR = 'scripts/course/holdout';
export const HOLDOUT_FILE = 'fashion-target-holdout.bin';
export const HOLDOUT_INDEX = 'index.json';

export const HoldoutIndexSchema = z.object({
  description: z.string().describe('What the holdout is, for whoever opens the folder'),
  set: z.literal('fashion-target').describe('The shipped data set whose classes (and output order) the holdout uses'),
  classes: z.array(z.object({ label: z.number().int(), name: z.string() })).describe('Official labels, in the model output order'),
  file: z.string().describe('Binary file of 785-byte records (label, 784 pixels), next to index.json'),
  count: z.number().int().positive().describe('Number of records'),
  perClass: z.array(z.number().int()).describe('Images per class, in `classes` order'),
  officialSplit: z.literal('t10k').describe('The Fashion-MNIST split the images come from'),
  officialIndices: z.array(z.number().int()).describe('Index of each record in that split'),
  sha256: z.string().describe('Hash of the binary file'),
});
export type HoldoutIndex = z.infer<typeof HoldoutIndexSchema>;

/** Images and true classes of a labelled set (a holdout or a shipped split). */
export interface LabelledImages {
  name: string;
  xs: tf.Tensor4D;
  labels: number[];
}

function fromRecords(name: string, bytes: Uint8Array, count: number, classOrder: readonly number[]): LabelledImages {
  if (bytes.length !== count * RECORD_BYTES) throw new Error(`${name}: ${bytes.length} bytes for ${count} records`);
  const pixels = new Uint8Array(count * PIXELS_PER_IMAGE);
  const labels: number[] = [];
  for (let r = 0; r < count; r++) {
    const label = classOrder.indexOf(bytes[r * RECORD_BYTES]!);
    if (label < 0) throw new Error(`${name}: record ${r} has label ${bytes[r * RECORD_BYTES]}, not one of the set's classes`);
    labels.push(label);
    pixels.set(bytes.subarray(r * RECORD_BYTES + 1, (r + 1) * RECORD_BYTES), r * PIXELS_PER_IMAGE);
  }
  return { name, xs: pixelsToInput(pixels, count), labels };
}

/** Why there is no holdout in `dir` (it has not been built), or undefined when there is one. */
export function holdoutMissing(dir = HOLDOUT_DIR): string | undefined {
  return existsSync(join(dir, HOLDOUT_INDEX)) ? undefined : `no holdout in ${dir}/ (build it with npx node scripts/data/build-holdout.ts)`;
}

/** The holdout, or the reason there is none (it has not been built). */
export function loadHoldout(dir = HOLDOUT_DIR): LabelledImages | { missing: string } {
  const missing = holdoutMissing(dir);
  if (missing) return { missing };
  const indexFile = join(dir, HOLDOUT_INDEX);
  const index = HoldoutIndexSchema.parse(JSON.parse(readFileSync(indexFile, 'utf8')));
  const bytes = new Uint8Array(readFileSync(join(dir, index.file)));
  return fromRecords('holdout', bytes, index.count, index.classes.map((c) => c.label));
}

/** The site's shipped test split of fashion-target, read from the built site (or public/). */
export function loadSiteTest(root: string): LabelledImages {
  const dir = join(root, 'data', DATA_DIR);
  const index = DataIndexSchema.parse(JSON.parse(readFileSync(join(dir, DATA_INDEX_FILE), 'utf8')));
  const set = index.sets['fashion-target'];
  const entry = set.splits.test;
  return fromRecords('site test', new Uint8Array(readFileSync(join(dir, entry.file))), entry.count, set.classes.map((c) => c.label));
}

/** The saved form of a model, as the runner page hands it over (weights base64). */
export interface SavedModel {
  exportName: string;
  modelTopology: unknown;
  weightSpecs: { name: string; shape: number[]; dtype: string }[];
  weightData: string;
}

/** Accuracy of a saved model on each set (NaN-free: a model that cannot be scored throws). */
export async function scoreSavedModel(saved: SavedModel, sets: readonly LabelledImages[]): Promise<number[]> {
  const weightData = Buffer.from(saved.weightData, 'base64');
  const model = await tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: saved.modelTopology as tf.io.ModelArtifacts['modelTopology'],
      weightSpecs: saved.weightSpecs as tf.io.WeightsManifestEntry[],
      weightData: weightData.buffer.slice(weightData.byteOffset, weightData.byteOffset + weightData.byteLength),
    }),
  );
  try {
    const out: number[] = [];
    for (const set of sets) out.push((await evaluate(model, set)).accuracy);
    return out;
  } finally {
    model.dispose();
  }
}
