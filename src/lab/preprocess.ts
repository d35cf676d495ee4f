/**
 * How Fashion-MNIST pixels become model inputs. One definition, used by the
 * pretraining script, the data loader and the model card, so they cannot drift.
 */
import * as tf from '@tensorflow/tfjs';

export const IMAGE_SIZE = 28;
export const PIXELS_PER_IMAGE = IMAGE_SIZE * IMAGE_SIZE;

/** Words for the model card's `preprocess` field. */
export const PREPROCESS_DESCRIPTION =
  'uint8 grayscale pixels (0 = background, 255 = ink, Fashion-MNIST convention, no inversion) ' +
  'divided by 255 to float32 in [0, 1]; no mean subtraction; shape [n, 28, 28, 1] (NHWC)';

/** Turns `count` images of 784 uint8 pixels each into the model's input tensor [count, 28, 28, 1]. */
export function pixelsToInput(pixels: Uint8Array, count: number): tf.Tensor4D {
  if (pixels.length !== count * PIXELS_PER_IMAGE) {
    throw new Error(`pixelsToInput: ${pixels.length} bytes for ${count} images of ${PIXELS_PER_IMAGE}`);
  }
  const floats = new Float32Array(pixels.length);
  for (let i = 0; i < pixels.length; i++) floats[i] = pixels[i]! / 255;
  return tf.tensor4d(floats, [count, IMAGE_SIZE, IMAGE_SIZE, 1]);
}
