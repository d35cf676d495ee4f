/**
 * Independent copies of a LayersModel through in-memory model artifacts (the
 * same path as loading model.json + weights), so an experiment arm can change
 * its copy's weights without touching the base.
 */
import * as tf from '@tensorflow/tfjs';

export async function modelArtifacts(model: tf.LayersModel): Promise<tf.io.ModelArtifacts> {
  let saved: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  if (!saved) throw new Error('model.save produced no artifacts');
  return saved;
}

export function modelFromArtifacts(artifacts: tf.io.ModelArtifacts): Promise<tf.LayersModel> {
  return tf.loadLayersModel(tf.io.fromMemory(artifacts));
}
