/**
 * The lesson strips: a few real images of each class of a shipped data set,
 * read at build time from public/data/fashion-mnist, one PNG strip per class.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataIndexSchema, DATA_DIR, DATA_INDEX_FILE, RECORD_BYTES, type DatasetName } from '../../lab/data-index.ts';
import { encodeGreyPng } from './png.ts';

export const IMAGE_SIDE = 28;
/** Grey columns between the images of a strip (the images have black backgrounds), so they read as separate pictures. */
export const GAP = 2;
export const GAP_GREY = 150;

export interface ClassStrip {
  name: string;
  /** How many images the strip holds. */
  count: number;
  width: number;
  height: number;
  png: Buffer;
  /** Index of each image in the split's records, in strip order (for tests and captions). */
  records: number[];
}

/** Builds one strip per class of `set`, from the first `perClass` images of each class in `split`. */
export function classStrips(set: DatasetName, perClass: number, split: 'train' | 'test' = 'train', publicDir = join(process.cwd(), 'public')): ClassStrip[] {
  if (!Number.isInteger(perClass) || perClass < 1 || perClass > 20) {
    throw new Error(`class strips: perClass must be a whole number from 1 to 20, not ${perClass}`);
  }
  const dataDir = join(publicDir, 'data', DATA_DIR);
  const index = DataIndexSchema.parse(JSON.parse(readFileSync(join(dataDir, DATA_INDEX_FILE), 'utf8')));
  const entry = index.sets[set];
  const bytes = readFileSync(join(dataDir, entry.splits[split].file));
  const records = bytes.length / RECORD_BYTES;
  return entry.classes.map(({ label, name }) => {
    const picked: number[] = [];
    for (let r = 0; r < records && picked.length < perClass; r++) if (bytes[r * RECORD_BYTES] === label) picked.push(r);
    if (picked.length === 0) throw new Error(`class strips: ${entry.splits[split].file} has no image of ${name}`);
    const width = picked.length * IMAGE_SIDE + (picked.length - 1) * GAP;
    const pixels = new Uint8Array(width * IMAGE_SIDE).fill(GAP_GREY);
    picked.forEach((r, i) => {
      const image = bytes.subarray(r * RECORD_BYTES + 1, (r + 1) * RECORD_BYTES);
      for (let y = 0; y < IMAGE_SIDE; y++) {
        pixels.set(image.subarray(y * IMAGE_SIDE, (y + 1) * IMAGE_SIDE), y * width + i * (IMAGE_SIDE + GAP));
      }
    });
    return { name, count: picked.length, width, height: IMAGE_SIDE, png: encodeGreyPng(width, IMAGE_SIDE, pixels), records: picked };
  });
}
