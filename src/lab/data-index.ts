/**
 * The shape of public/data/fashion-mnist/index.json, which describes the
 * shipped Fashion-MNIST extracts. Written by scripts/data/build-extracts.ts,
 * read by `datasets.load`.
 */
import { z } from 'zod';

/** Folder under the asset base's `data/` that holds the extracts. */
export const DATA_DIR = 'fashion-mnist';
export const DATA_INDEX_FILE = 'index.json';
/** One record: 1 label byte + 28 * 28 pixel bytes. */
export const RECORD_BYTES = 785;

export const DATASET_NAMES = ['fashion-target', 'fashion-source'] as const;
/** `fashion-target`: the learner's new task. `fashion-source`: the classes the base model was pretrained on. */
export type DatasetName = (typeof DATASET_NAMES)[number];
export type SplitName = 'train' | 'test';

const ClassEntry = z.object({
  /** Official Fashion-MNIST label id 0-9. */
  label: z.number().int().min(0).max(9),
  name: z.string(),
});

const SplitEntrySchema = z.object({
  file: z.string().describe('Binary file of records, next to index.json'),
  count: z.number().int().positive(),
  perClass: z.array(z.number().int().nonnegative()).describe('Images per class, in class order'),
  officialSplit: z.enum(['train', 't10k']).describe('Which official Fashion-MNIST file the images come from'),
  officialIndices: z.array(z.number().int().nonnegative()).describe('Index of each record in that official file'),
  sha256: z.string(),
});

const DatasetEntry = z.object({
  description: z.string(),
  /** In the task's output order: class index i is `classes[i]`. */
  classes: z.array(ClassEntry).min(2),
  splits: z.object({ train: SplitEntrySchema, test: SplitEntrySchema }),
});

export const DataIndexSchema = z.object({
  format: z.string(),
  attribution: z.object({
    dataset: z.string(),
    authors: z.string(),
    reference: z.string(),
    licence: z.string(),
    copyright: z.string(),
    obtainedFrom: z.string(),
    licenceFile: z.string(),
  }),
  classSplit: z.string(),
  sets: z.object({ 'fashion-target': DatasetEntry, 'fashion-source': DatasetEntry }),
});

export type DataIndex = z.infer<typeof DataIndexSchema>;
export type SplitEntry = z.infer<typeof SplitEntrySchema>;
