/**
 * The shipped Fashion-MNIST extracts: documented counts, balanced classes,
 * no image in two extracts, records that match the official files.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATA_DIR, DATA_INDEX_FILE, DataIndexSchema, RECORD_BYTES } from '../../../src/lab/data-index.ts';
import {
  SHIPPED_SPLIT,
  SOURCE_TEST_PER_CLASS,
  SOURCE_TRAIN_EXTRACT_PER_CLASS,
  TARGET_POOL_PER_CLASS,
  TARGET_TEST_PER_CLASS,
  TARGET_VAL_PER_CLASS,
  targetTrainSelection,
} from '../../../scripts/ml/class-split.ts';
import { debianFilesPresent, loadFashionSplit } from '../../../scripts/ml/fashion-mnist.ts';
import { PUBLIC_DIR } from './setup-lab.ts';

const dataDir = join(PUBLIC_DIR, 'data', DATA_DIR);
const index = DataIndexSchema.parse(JSON.parse(readFileSync(join(dataDir, DATA_INDEX_FILE), 'utf8')));
const extracts = Object.entries(index.sets).flatMap(([set, entry]) =>
  Object.entries(entry.splits).map(([split, file]) => ({ name: `${set}/${split}`, set: entry, file })),
);
const bytesOf = (file: string) => new Uint8Array(readFileSync(join(dataDir, file)));

describe('shipped data extracts', () => {
  it('use the class split the scripts ship, source and target disjoint and covering all ten classes', () => {
    const target = index.sets['fashion-target'].classes.map((c) => c.label);
    const source = index.sets['fashion-source'].classes.map((c) => c.label);
    expect(target).toEqual([...SHIPPED_SPLIT.target]);
    expect(source).toEqual([...SHIPPED_SPLIT.source]);
    expect([...target, ...source].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('have the documented number of images per class', () => {
    const expected: Record<string, number> = {
      'fashion-target/train': TARGET_POOL_PER_CLASS,
      'fashion-target/test': TARGET_TEST_PER_CLASS,
      'fashion-source/train': SOURCE_TRAIN_EXTRACT_PER_CLASS,
      'fashion-source/test': SOURCE_TEST_PER_CLASS,
    };
    for (const { name, file } of extracts) {
      expect(file.perClass, name).toEqual([5, 5, 5, 5, 5].map(() => expected[name]));
      expect(file.count, name).toBe(5 * expected[name]!);
    }
  });

  it('hold exactly the records index.json describes, with balanced labels from the right classes', () => {
    for (const { name, set, file } of extracts) {
      const bytes = bytesOf(file.file);
      expect(bytes.length, name).toBe(file.count * RECORD_BYTES);
      expect(createHash('sha256').update(bytes).digest('hex'), name).toBe(file.sha256);
      const counts = new Map<number, number>();
      for (let r = 0; r < file.count; r++) counts.set(bytes[r * RECORD_BYTES]!, (counts.get(bytes[r * RECORD_BYTES]!) ?? 0) + 1);
      expect(
        set.classes.map((c) => counts.get(c.label) ?? 0),
        name,
      ).toEqual(file.perClass);
      expect([...counts.keys()].every((l) => set.classes.some((c) => c.label === l)), name).toBe(true);
    }
  });

  it('never ship the same image twice (pixel hashes and official indices)', () => {
    const seen = new Map<string, string>();
    for (const { name, file } of extracts) {
      const bytes = bytesOf(file.file);
      for (let r = 0; r < file.count; r++) {
        const hash = createHash('sha1')
          .update(bytes.subarray(r * RECORD_BYTES + 1, (r + 1) * RECORD_BYTES))
          .digest('hex');
        expect(seen.get(hash), `${name} record ${r}`).toBeUndefined();
        seen.set(hash, name);
      }
    }
    for (const official of ['train', 't10k'] as const) {
      const indices = extracts.filter((e) => e.file.officialSplit === official).flatMap((e) => e.file.officialIndices);
      expect(new Set(indices).size).toBe(indices.length);
    }
    // The target train pool comes from the official train split, the test set from the official test split.
    expect(index.sets['fashion-target'].splits.train.officialSplit).toBe('train');
    expect(index.sets['fashion-target'].splits.test.officialSplit).toBe('t10k');
  });

  it('are a few MB in total', () => {
    const total = extracts.reduce((n, e) => n + e.file.count * RECORD_BYTES, 0);
    expect(total).toBeLessThan(4 * 1024 * 1024);
  });

  it('carry the licence and attribution', () => {
    expect(index.attribution.licence).toBe('MIT');
    expect(readFileSync(join(dataDir, index.attribution.licenceFile), 'utf8')).toContain('Permission is hereby granted');
  });

  describe.skipIf(!debianFilesPresent())('against the official files (Debian dataset-fashion-mnist)', () => {
    it('every record is the official image and label it claims to be', () => {
      const official = { train: loadFashionSplit('train'), t10k: loadFashionSplit('t10k') };
      for (const { name, file } of extracts) {
        const bytes = bytesOf(file.file);
        const source = official[file.officialSplit];
        file.officialIndices.forEach((i, r) => {
          expect(bytes[r * RECORD_BYTES], `${name} ${r}`).toBe(source.labels[i]);
          const shipped = bytes.subarray(r * RECORD_BYTES + 1, (r + 1) * RECORD_BYTES);
          expect(Buffer.compare(shipped, source.pixels.subarray(i * 784, (i + 1) * 784)), `${name} ${r}`).toBe(0);
        });
      }
    });

    it('the target validation images used for design decisions are never shipped', () => {
      const train = loadFashionSplit('train');
      const shipped = new Set(extracts.filter((e) => e.file.officialSplit === 'train').flatMap((e) => e.file.officialIndices));
      for (const label of SHIPPED_SPLIT.target) {
        const { val } = targetTrainSelection(train, label);
        expect(val.length).toBe(TARGET_VAL_PER_CLASS);
        expect(val.filter((i) => shipped.has(i))).toEqual([]);
      }
    });
  });
});
