/**
 * Per-image fingerprints, shared by the sandbox (which fingerprints every
 * batch a fit trains on, worker/fit-instrument.ts) and the checks (which
 * fingerprint the test set they score on, `expect.notTrainedOn`). Like
 * contract.ts it imports nothing, so both sides can use it without the
 * arrows looping.
 *
 * An image is hashed by its content: its pixels quantized back to 0-255
 * (`round(v * 255)` for the course's [0, 1] inputs, `round(v)` when the
 * image's values go above 1.5, i.e. a learner who fed 0-255 pixels). So a
 * test image is recognised wherever it appears: in a re-ordered, sliced,
 * gathered or concatenated tensor, in one batch of fitDataset. An image
 * that was changed (flipped, noised, cropped) hashes differently: that is
 * augmentation of test images, and it is not caught.
 *
 * The hash is 53 bits (two 32-bit multiply-xorshift lanes, cyrb53's mixing),
 * so two different images of a few thousand collide with a probability of
 * about 1e-9. It runs on captured built-ins only (`Math.imul` taken when this
 * module loads, before any learner code).
 */

const imul = Math.imul;

/** The fingerprint of one image: a whole number below 2^53. */
export type ImageHash = number;

/**
 * Hashes `length` values of `values` starting at `offset` (one image, e.g. 784
 * values of a [n, 28, 28, 1] tensor's data), after quantizing them to 0-255.
 */
export function imageHash(values: ArrayLike<number>, offset: number, length: number): ImageHash {
  let max = 0;
  for (let i = 0; i < length; i++) {
    const v = values[offset + i]!;
    if (v > max) max = v;
  }
  const scale = max > 1.5 ? 1 : 255;
  let h1 = 0xdeadbeef ^ length;
  let h2 = 0x41c6ce57 ^ length;
  for (let i = 0; i < length; i++) {
    let q = (values[offset + i]! * scale + 0.5) | 0; // round half up; NaN -> 0
    if (q < 0) q = 0;
    else if (q > 255) q = 255;
    h1 = imul(h1 ^ q, 2654435761);
    h2 = imul(h2 ^ q, 1597334677);
  }
  h1 = imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** The hash of each image of a batch: `count` images of `perImage` values each, in order. */
export function imageHashes(values: ArrayLike<number>, count: number, perImage: number): ImageHash[] {
  const out: ImageHash[] = [];
  for (let n = 0; n < count; n++) out[n] = imageHash(values, n * perImage, perImage);
  return out;
}
