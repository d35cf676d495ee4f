/**
 * "Download my model": writes the model a passing run sent back
 * (`ExportedModel`, see src/sandbox/worker/model-export.ts) as TF.js's
 * `downloads://` format, `<name>.json` + `<name>.weights.bin`, the files
 * `tf.loadLayersModel` and PyTorch's `transferlab.load_tfjs` read.
 */
import type { ExportedModel } from '../sandbox/protocol.ts';

export const MODEL_FILE_NAME = 'my-model';

/** The two files, with the manifest pointing at the weights file beside the JSON. */
export function modelFiles(model: ExportedModel, name = MODEL_FILE_NAME): { name: string; blob: Blob }[] {
  const weightsName = `${name}.weights.bin`;
  const json = {
    modelTopology: model.modelTopology,
    format: model.format ?? 'layers-model',
    generatedBy: model.generatedBy,
    convertedBy: model.convertedBy ?? null,
    weightsManifest: [{ paths: [`./${weightsName}`], weights: model.weightSpecs }],
  };
  return [
    { name: `${name}.json`, blob: new Blob([JSON.stringify(json)], { type: 'application/json' }) },
    { name: weightsName, blob: new Blob([model.weightData], { type: 'application/octet-stream' }) },
  ];
}

/** Saves both files through the browser's download (as `model.save('downloads://my-model')` does). */
export function downloadModel(model: ExportedModel, name = MODEL_FILE_NAME): void {
  for (const file of modelFiles(model, name)) {
    const url = URL.createObjectURL(file.blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = file.name;
    link.hidden = true;
    document.body.append(link);
    link.click();
    link.remove();
    // Revoked later: the download reads the URL after the click returns.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
}
