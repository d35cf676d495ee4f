/**
 * Which Fashion-MNIST classes the base model is pretrained on (source) and
 * which the learner's new task uses (target), and which official images go
 * where. Everything that selects images imports this module, so the shipped
 * extracts, the pretraining run and the experiment agree by construction.
 */
import { seededRandom, shuffled } from '../../src/lab/random.ts';
import { indicesOfLabel, type FashionSplit } from './fashion-mnist.ts';

export interface ClassSplit {
  id: string;
  /** Official label ids, in the base model's output order. */
  source: readonly number[];
  /** Official label ids, in the new task's output order. */
  target: readonly number[];
}

/**
 * Candidate splits compared in the design search (scripts/research/design-search.ts),
 * on validation images only. See docs-notes/model-data-experiment-measurements.md for the numbers.
 */
export const CANDIDATE_SPLITS: Record<string, ClassSplit> = {
  // Each target class has a look-alike in the source (dress~T-shirt, coat~pullover, shirt~T-shirt, sneaker/boot~sandal).
  lookalike: { id: 'lookalike', source: [0, 1, 2, 5, 8], target: [3, 4, 6, 7, 9] },
  // The confusable tops are the target; the source is everything else.
  tops: { id: 'tops', source: [1, 5, 7, 8, 9], target: [0, 2, 3, 4, 6] },
  // The three long-sleeved tops (the most confused trio) plus two shoes are the target.
  longsleeve: { id: 'longsleeve', source: [0, 1, 3, 5, 8], target: [2, 4, 6, 7, 9] },
  // Mixed: the source keeps two tops and one shoe, the target three tops and two shoes.
  mixed: { id: 'mixed', source: [1, 2, 3, 7, 8], target: [0, 4, 5, 6, 9] },
};

/** Official train images per source class shipped as a small extract (they were also used in pretraining). */
export const SOURCE_TRAIN_EXTRACT_PER_CLASS = 100;

/** The split the site ships; chosen on validation numbers, see docs-notes/model-data-experiment-measurements.md. */
export const SHIPPED_SPLIT: ClassSplit = CANDIDATE_SPLITS['tops']!;

/** Seed of the one shuffle per label that decides pool / validation / rest. */
export const SELECTION_SEED = 20240417;
/** Target images per class shipped as the learner's train pool. */
export const TARGET_POOL_PER_CLASS = 200;
/** Target images per class kept (never shipped) for design decisions. */
export const TARGET_VAL_PER_CLASS = 500;
/** Source images per class held out from pretraining for design decisions. */
export const SOURCE_VAL_PER_CLASS = 500;
/** Official test images per class shipped as the target test set. */
export const TARGET_TEST_PER_CLASS = 500;
/** Official test images per class shipped as the small source-class extract. */
export const SOURCE_TEST_PER_CLASS = 100;

/** The official indices of one label, in the fixed selection order. */
export function selectionOrder(split: FashionSplit, label: number): number[] {
  return shuffled(indicesOfLabel(split, label), seededRandom(SELECTION_SEED + label * 7919 + (split.split === 'train' ? 0 : 1)));
}

/** Official train images of a target label: the shipped pool, then the validation images. */
export function targetTrainSelection(train: FashionSplit, label: number): { pool: number[]; val: number[] } {
  const order = selectionOrder(train, label);
  return {
    pool: order.slice(0, TARGET_POOL_PER_CLASS),
    val: order.slice(TARGET_POOL_PER_CLASS, TARGET_POOL_PER_CLASS + TARGET_VAL_PER_CLASS),
  };
}

/** Official train images of a source label: validation first, the rest is for pretraining. */
export function sourceTrainSelection(train: FashionSplit, label: number): { fit: number[]; val: number[] } {
  const order = selectionOrder(train, label);
  return { val: order.slice(0, SOURCE_VAL_PER_CLASS), fit: order.slice(SOURCE_VAL_PER_CLASS) };
}

/** The first `perClass` official test images of a label, in selection order. */
export function testSelection(test: FashionSplit, label: number, perClass: number): number[] {
  return selectionOrder(test, label).slice(0, perClass);
}
