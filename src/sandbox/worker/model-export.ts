/**
 * "Download my model": after a run whose checks all pass, the model the
 * learner's code exports goes to the page in TF.js's saved form, so the page
 * can write `my-model.json` + `my-model.weights.bin` (the `downloads://`
 * format) without loading TensorFlow.js itself.
 *
 * Runs in the worker only, after the checks (their verdict is already fixed).
 */
import type * as tfModule from '@tensorflow/tfjs';
import type { ExportedModel } from '../protocol.ts';

type Tf = typeof tfModule;

/** The export to offer: `model` if it is a LayersModel, else the first exported LayersModel. */
export function pickModel(tf: Tf, exports: Record<string, unknown>): [string, tfModule.LayersModel] | undefined {
  const isModel = (value: unknown): value is tfModule.LayersModel => value instanceof tf.LayersModel;
  if (isModel(exports.model)) return ['model', exports.model];
  for (const [name, value] of Object.entries(exports)) if (isModel(value)) return [name, value];
  return undefined;
}

function joined(data: ArrayBuffer | ArrayBuffer[]): ArrayBuffer {
  if (!Array.isArray(data)) return data;
  const out = new Uint8Array(data.reduce((n, b) => n + b.byteLength, 0));
  let offset = 0;
  for (const buffer of data) {
    out.set(new Uint8Array(buffer), offset);
    offset += buffer.byteLength;
  }
  return out.buffer;
}

/** Saves the picked model through a save handler (no file, no storage) and returns its parts. */
export async function exportModel(tf: Tf, exports: Record<string, unknown>): Promise<ExportedModel | undefined> {
  const picked = pickModel(tf, exports);
  if (!picked) return undefined;
  const [exportName, model] = picked;
  let saved: ExportedModel | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = {
        exportName,
        modelTopology: artifacts.modelTopology,
        weightSpecs: (artifacts.weightSpecs ?? []).map((spec) => ({ name: spec.name, shape: [...spec.shape], dtype: spec.dtype })),
        weightData: joined((artifacts.weightData ?? new ArrayBuffer(0)) as ArrayBuffer | ArrayBuffer[]),
        format: artifacts.format ?? 'layers-model',
        generatedBy: artifacts.generatedBy ?? `TensorFlow.js tfjs-layers v${tf.version.tfjs}`,
        convertedBy: artifacts.convertedBy ?? null,
      };
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  return saved;
}
