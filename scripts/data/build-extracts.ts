/**
 * Writes the Fashion-MNIST extracts the site ships, from Debian's
 * dataset-fashion-mnist files:
 *
 *   public/data/fashion-mnist/index.json        classes, counts, provenance, licence
 *   public/data/fashion-mnist/<set>-<split>.bin records of 785 bytes: official label, 784 pixels
 *   public/data/fashion-mnist/LICENSE.txt       the dataset's MIT (Expat) licence
 *
 *   npx node scripts/data/build-extracts.ts [--out public/data]
 *
 * Which images go where is decided in scripts/ml/class-split.ts (seeded), so
 * re-running writes identical files.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DATA_INDEX_FILE, DATA_DIR, RECORD_BYTES, type DataIndex, type SplitEntry } from '../../src/lab/data-index.ts';
import { PIXELS_PER_IMAGE } from '../../src/lab/preprocess.ts';
import {
  SHIPPED_SPLIT,
  SOURCE_TEST_PER_CLASS,
  SOURCE_TRAIN_EXTRACT_PER_CLASS,
  TARGET_TEST_PER_CLASS,
  sourceTrainSelection,
  targetTrainSelection,
  testSelection,
} from '../ml/class-split.ts';
import { FASHION_ATTRIBUTION, FASHION_CLASS_NAMES, loadFashionSplit, type FashionSplit } from '../ml/fashion-mnist.ts';

const { values } = parseArgs({ options: { out: { type: 'string', default: 'public/data' } } });
const outDir = join(values.out, DATA_DIR);
mkdirSync(outDir, { recursive: true });

const train = loadFashionSplit('train');
const test = loadFashionSplit('t10k');

function records(split: FashionSplit, indices: readonly number[]): Uint8Array {
  const out = new Uint8Array(indices.length * RECORD_BYTES);
  indices.forEach((index, n) => {
    out[n * RECORD_BYTES] = split.labels[index]!;
    out.set(split.pixels.subarray(index * PIXELS_PER_IMAGE, (index + 1) * PIXELS_PER_IMAGE), n * RECORD_BYTES + 1);
  });
  return out;
}

/** Pixel hashes of every image already written, so no image is shipped twice (the official splits have no exact duplicates, checked here anyway). */
const written = new Set<string>();
function writeSplit(file: string, split: FashionSplit, byClass: number[][]): SplitEntry {
  const indices = byClass.flat();
  for (const index of indices) {
    const hash = createHash('sha1')
      .update(split.pixels.subarray(index * PIXELS_PER_IMAGE, (index + 1) * PIXELS_PER_IMAGE))
      .digest('hex');
    if (written.has(hash)) throw new Error(`${file}: image ${split.split}#${index} is already in another extract`);
    written.add(hash);
  }
  const bytes = records(split, indices);
  writeFileSync(join(outDir, file), bytes);
  return {
    file,
    count: indices.length,
    perClass: byClass.map((c) => c.length),
    officialSplit: split.split,
    officialIndices: indices,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
}

const classes = (labels: readonly number[]) => labels.map((label) => ({ label, name: FASHION_CLASS_NAMES[label]! }));
const split = SHIPPED_SPLIT;
const index: DataIndex = {
  format: `Each .bin file is a sequence of ${RECORD_BYTES}-byte records: 1 byte official Fashion-MNIST label (0-9), then 784 bytes of pixels, row-major 28x28, 0 = background, 255 = ink.`,
  attribution: { ...FASHION_ATTRIBUTION, licenceFile: 'LICENSE.txt' },
  classSplit: split.id,
  sets: {
    'fashion-target': {
      description: 'The learner\u2019s new task: five Fashion-MNIST classes the base model never saw.',
      classes: classes(split.target),
      splits: {
        train: writeSplit('target-train.bin', train, split.target.map((l) => targetTrainSelection(train, l).pool)),
        test: writeSplit('target-test.bin', test, split.target.map((l) => testSelection(test, l, TARGET_TEST_PER_CLASS))),
      },
    },
    'fashion-source': {
      description: 'A small extract of the five classes the base model was pretrained on.',
      classes: classes(split.source),
      splits: {
        train: writeSplit(
          'source-train.bin',
          train,
          split.source.map((l) => sourceTrainSelection(train, l).fit.slice(0, SOURCE_TRAIN_EXTRACT_PER_CLASS)),
        ),
        test: writeSplit('source-test.bin', test, split.source.map((l) => testSelection(test, l, SOURCE_TEST_PER_CLASS))),
      },
    },
  },
};
writeFileSync(join(outDir, DATA_INDEX_FILE), JSON.stringify(index) + '\n');
writeFileSync(
  join(outDir, 'LICENSE.txt'),
  `Fashion-MNIST\n${FASHION_ATTRIBUTION.copyright}\n${FASHION_ATTRIBUTION.reference}\n\n` +
    `The MIT License (MIT)\n\n` +
    `Permission is hereby granted, free of charge, to any person obtaining a copy of this software and associated documentation files (the "Software"), to deal in the Software without restriction, including without limitation the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is furnished to do so, subject to the following conditions:\n\n` +
    `The above copyright notice and this permission notice shall be included in all copies or substantial portions of the Software.\n\n` +
    `THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.\n`,
);
for (const [name, set] of Object.entries(index.sets)) {
  for (const [splitName, entry] of Object.entries(set.splits)) {
    console.log(`${name} ${splitName}: ${entry.count} images (${entry.perClass.join('/')}) -> ${join(outDir, entry.file)}`);
  }
}
