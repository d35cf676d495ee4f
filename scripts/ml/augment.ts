/**
 * Pretraining augmentation on raw uint8 images: a random shift of up to
 * `maxShift` pixels each way (empty border filled with background 0) and a
 * horizontal flip half the time. Clothes stay the same class when mirrored
 * or nudged, so the base learns shapes, not positions.
 */
import { PIXELS_PER_IMAGE, IMAGE_SIZE } from '../../src/lab/preprocess.ts';

export function augmentBatch(
  pixels: Uint8Array,
  indices: readonly number[],
  random: () => number,
  maxShift = 2,
): Uint8Array {
  const out = new Uint8Array(indices.length * PIXELS_PER_IMAGE);
  indices.forEach((index, n) => {
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

/** Copies the listed images out of a pixel array, unchanged. */
export function gatherPixels(pixels: Uint8Array, indices: readonly number[]): Uint8Array {
  const out = new Uint8Array(indices.length * PIXELS_PER_IMAGE);
  indices.forEach((index, n) => {
    out.set(pixels.subarray(index * PIXELS_PER_IMAGE, (index + 1) * PIXELS_PER_IMAGE), n * PIXELS_PER_IMAGE);
  });
  return out;
}
