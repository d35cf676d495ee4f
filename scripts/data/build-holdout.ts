/**
 * Writes the grader's hidden holdout: images of the target classes from
 * Fashion-MNIST's official test split (t10k, Debian's dataset-fashion-mnist)
 * that the site does not ship. It goes next to the teacher tools, never under
 * public/ (so never into dist/), and only `npm run grade` reads it:
 *
 *   scripts/course/holdout/fashion-target-holdout.bin  records of 785 bytes: official label, 784 pixels
 *   scripts/course/holdout/index.json                  classes (in fashion-target's output order), counts, provenance, hash
 *
 *   npx node scripts/data/build-holdout.ts [--out scripts/course/holdout] [--per-class 500]
 *
 * Which images: for each target class, the t10k images after the ones
 * target-test.bin takes (class-split.ts's seeded order, TARGET_TEST_PER_CLASS
 * each); every image is also checked by its pixels against every shipped
 * extract, and one found there is left out. Re-running writes identical files.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DATA_DIR, DATA_INDEX_FILE, DataIndexSchema, RECORD_BYTES } from '../../src/lab/data-index.ts';
import { PIXELS_PER_IMAGE } from '../../src/lab/preprocess.ts';
import { SHIPPED_SPLIT, TARGET_TEST_PER_CLASS, selectionOrder } from '../ml/class-split.ts';
import { FASHION_CLASS_NAMES, loadFashionSplit } from '../ml/fashion-mnist.ts';
import { HOLDOUT_DIR, HOLDOUT_FILE, HOLDOUT_INDEX, type HoldoutIndex } from '../course/holdout.ts';

const { values } = parseArgs({
  options: { out: { type: 'string', default: HOLDOUT_DIR }, 'per-class': { type: 'string', default: '500' }, public: { type: 'string', default: 'public/data' } },
});
const perClass = Number(values['per-class']);
if (!Number.isInteger(perClass) || perClass < 1) throw new Error(`--per-class must be a whole number above 0, got ${values['per-class']}`);

// The pixels of every image the site ships: none of them may be in the holdout.
const shippedDir = join(values.public, DATA_DIR);
const index = DataIndexSchema.parse(JSON.parse(readFileSync(join(shippedDir, DATA_INDEX_FILE), 'utf8')));
const shipped = new Set<string>();
for (const set of Object.values(index.sets)) {
  for (const entry of Object.values(set.splits)) {
    const bytes = readFileSync(join(shippedDir, entry.file));
    for (let r = 0; r < entry.count; r++) shipped.add(pixelHash(bytes.subarray(r * RECORD_BYTES + 1, (r + 1) * RECORD_BYTES)));
  }
}

const test = loadFashionSplit('t10k');
const target = index.sets['fashion-target'];
const chosen: number[][] = [];
let skipped = 0;
for (const { label } of target.classes) {
  const rest = selectionOrder(test, label).slice(TARGET_TEST_PER_CLASS);
  const picked: number[] = [];
  for (const i of rest) {
    if (picked.length === perClass) break;
    if (shipped.has(pixelHash(test.pixels.subarray(i * PIXELS_PER_IMAGE, (i + 1) * PIXELS_PER_IMAGE)))) {
      skipped++;
      continue;
    }
    picked.push(i);
  }
  if (picked.length < perClass) throw new Error(`class ${label}: only ${picked.length} t10k images are left outside the shipped extracts, ${perClass} asked`);
  chosen.push(picked);
}
if (JSON.stringify(target.classes.map((c) => c.label)) !== JSON.stringify(SHIPPED_SPLIT.target)) {
  throw new Error('public/data index.json and scripts/ml/class-split.ts disagree on the target classes: rebuild the extracts first');
}

const indices = chosen.flat();
const bytes = new Uint8Array(indices.length * RECORD_BYTES);
indices.forEach((i, n) => {
  bytes[n * RECORD_BYTES] = test.labels[i]!;
  bytes.set(test.pixels.subarray(i * PIXELS_PER_IMAGE, (i + 1) * PIXELS_PER_IMAGE), n * RECORD_BYTES + 1);
});
mkdirSync(values.out, { recursive: true });
writeFileSync(join(values.out, HOLDOUT_FILE), bytes);
const holdout: HoldoutIndex = {
  description:
    'The grader\u2019s hidden holdout: t10k images of the target classes that the site does not ship. Only npm run grade reads it; never copy it to public/.',
  set: 'fashion-target',
  classes: target.classes.map((c) => ({ label: c.label, name: FASHION_CLASS_NAMES[c.label]! })),
  file: HOLDOUT_FILE,
  count: indices.length,
  perClass: chosen.map((c) => c.length),
  officialSplit: 't10k',
  officialIndices: indices,
  sha256: createHash('sha256').update(bytes).digest('hex'),
};
writeFileSync(join(values.out, HOLDOUT_INDEX), JSON.stringify(holdout) + '\n');
console.log(`holdout: ${indices.length} images (${holdout.perClass.join('/')}) -> ${join(values.out, HOLDOUT_FILE)}; ${skipped} left out as shipped`);

function pixelHash(pixels: Uint8Array): string {
  return createHash('sha1').update(pixels).digest('hex');
}
