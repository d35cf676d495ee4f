/**
 * Augmentation of images held as flat pixel arrays (uint8 0-255 for
 * pretraining, float32 0-1 for the fine-tuning arm): a random shift of up to
 * `maxShift` pixels each way (empty border filled with background 0) and a
 * horizontal flip half the time. Clothes stay the same class when mirrored
 * or nudged, so the model learns shapes, not positions.
 */
import { PIXELS_PER_IMAGE, IMAGE_SIZE } from '../../src/lab/preprocess.ts';

type Pixels = Uint8Array | Float32Array;

function augmentInto<T extends Pixels>(pixels: T, indices: readonly number[], random: () => number, out: T, maxShift: number): T {
  indices.forEach((index, n) => {
    // Three draws per image, in this order (pretraining's reproducibility depends on it).
    const dx = Math.floor(random() * (2 * maxShift + 1)) - maxShift;
    const dy = Math.floor(random() * (2 * maxShift + 1)) - maxShift;
    const flip = random() < 0.5;
    const src = index * PIXELS_PER_IMAGE;
    const dst = n * PIXELS_PER_IMAGE;
    for (let y = 0; y < IMAGE_SIZE; y++) {
      const sy = y - dy;
      if (sy < 0 || sy >= IMAGE_SIZE) continue;
      for (let x = 0; x < IMAGE_SIZE; x++) {
        const shiftedX = x - dx;
        const sx = flip ? IMAGE_SIZE - 1 - shiftedX : shiftedX;
        if (sx < 0 || sx >= IMAGE_SIZE) continue;
        out[dst + y * IMAGE_SIZE + x] = pixels[src + sy * IMAGE_SIZE + sx]!;
      }
    }
  });
  return out;
}

/** Shifted and flipped copies of the listed uint8 images (pretraining). */
export function augmentBatch(pixels: Uint8Array, indices: readonly number[], random: () => number, maxShift = 2): Uint8Array {
  return augmentInto(pixels, indices, random, new Uint8Array(indices.length * PIXELS_PER_IMAGE), maxShift);
}

/** Shifted and flipped copies of the listed float images in [0, 1] (the fine-tuning arm). */
export function augmentFloatBatch(pixels: Float32Array, indices: readonly number[], random: () => number, maxShift = 2): Float32Array {
  return augmentInto(pixels, indices, random, new Float32Array(indices.length * PIXELS_PER_IMAGE), maxShift);
}

/** Copies the listed images out of a pixel array, unchanged. */
export function gatherPixels(pixels: Uint8Array, indices: readonly number[]): Uint8Array {
  const out = new Uint8Array(indices.length * PIXELS_PER_IMAGE);
  indices.forEach((index, n) => {
    out.set(pixels.subarray(index * PIXELS_PER_IMAGE, (index + 1) * PIXELS_PER_IMAGE), n * PIXELS_PER_IMAGE);
  });
  return out;
}

/** The same for float images. */
export function gatherFloatPixels(pixels: Float32Array, indices: readonly number[]): Float32Array {
  const out = new Float32Array(indices.length * PIXELS_PER_IMAGE);
  indices.forEach((index, n) => {
    out.set(pixels.subarray(index * PIXELS_PER_IMAGE, (index + 1) * PIXELS_PER_IMAGE), n * PIXELS_PER_IMAGE);
  });
  return out;
}
