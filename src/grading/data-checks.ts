/**
 * Did training see the test images? `await expect.notTrainedOn(test)` fails the
 * check when any `fit` / `fitDataset` / `trainOnBatch` call of the run trained on
 * an image of `test` (a `datasets.load(..., { split: 'test' })` result, or the
 * drawings' `test` part), by content: a re-ordered, sliced or mixed-in subset of
 * the test images is caught too (image-fingerprint.ts says what is not).
 *
 *   const test = await datasets.load('fashion-target', { split: 'test' });
 *   await expect.notTrainedOn(test);
 *   // fails: "Your fit call 1 trained on 100 of the test set's 2,500 images. …"
 *
 * The fingerprints of what each call trained on are taken by the sandbox inside
 * tfjs's training step (FitRecord.inputs); a fit that ran batches the sandbox did
 * not see (code that replaced tfjs's training step) fails too: it cannot be vouched for.
 */
import type { FitRecord, InputFingerprint } from './contract.ts';
import type { Check, LabLibrary } from './define.ts';
import { CheckFailure } from './failure.ts';
import { formatNumber } from './format.ts';
import { imageHash } from './image-fingerprint.ts';
import { NativeError } from './intrinsics.ts';
import { currentCheckRun } from './model-checks.ts';

/** What `notTrainedOn` needs of a data set: its images (a `datasets.load` result fits). */
export interface ImagesLike {
  xs: { shape: readonly (number | null)[]; data(): Promise<ArrayLike<number>> };
}

export interface NotTrainedOnOptions {
  /** What the set is called in the message. Default "the test set". */
  what?: string;
}

/** Fails the check when training in this run saw any image of `data`. */
export async function expectNotTrainedOn(data: ImagesLike, options: NotTrainedOnOptions = {}): Promise<void> {
  const run = currentCheckRun();
  if (run === undefined) throw new NativeError("expect.notTrainedOn() works inside a check's test: it reads the run's fit calls");
  const what = options.what ?? 'the test set';
  const shape = data?.xs?.shape;
  const count = shape?.[0];
  if (typeof count !== 'number') throw new NativeError('expect.notTrainedOn(data): data.xs must be a tensor of images, e.g. a datasets.load() result');
  const values = await data.xs.data();
  const perImage = (values.length / (count > 0 ? count : 1)) | 0;
  const members: Record<number, true> = Object.create(null) as Record<number, true>;
  for (let n = 0; n < count; n++) members[imageHash(values, n * perImage, perImage)] = true;

  const found = (fingerprint: InputFingerprint): number => {
    let hits = 0;
    const hashes = fingerprint.hashes;
    for (let i = 0; i < hashes.length; i++) if (members[hashes[i]!]) hits++;
    return hits;
  };
  const fits: FitRecord[] = run.fits;
  for (let i = 0; i < fits.length; i++) {
    const fit = fits[i]!;
    const label = fits.length === 1 ? 'Your fit call' : `Your fit call ${i + 1}`;
    if (fit.inputs === undefined) {
      if (epochsRun(fit) > 0) {
        throw new CheckFailure(
          `${label} trained, but the sandbox could not see on which images, so it cannot vouch that ${what} stayed unseen. Did your code replace tfjs's training functions?`,
          { expected: 'training the sandbox can see', actual: 'unseen training' },
        );
      }
      continue;
    }
    const hits = found(fit.inputs);
    if (hits > 0) throw leak(label, hits, count, what);
  }
  if (run.otherTraining) {
    const hits = found(run.otherTraining);
    if (hits > 0) throw leak('Your model.trainOnBatch calls', hits, count, what);
  }
  const unseen = run.unseenTraining ?? 0;
  if (unseen > 0) {
    throw new CheckFailure(
      `Your code took ${formatNumber(unseen)} optimizer step${unseen === 1 ? '' : 's'} of its own (optimizer.minimize or applyGradients, outside model.fit), so the sandbox could not see on which images they trained and cannot vouch that ${what} stayed unseen. Train with model.fit (or fitDataset, trainOnBatch).`,
      { expected: 'training the sandbox can see', actual: 'optimizer steps outside fit' },
    );
  }
}

function leak(label: string, hits: number, total: number, what: string): CheckFailure {
  const all = hits === total ? `all ${formatNumber(total)}` : `${formatNumber(hits)} of ${formatNumber(total)}`;
  return new CheckFailure(
    `${label} trained on ${all} images of ${what}. Those images must stay unseen: they measure how the model does on pictures it has never met.`,
    { expected: `no image of ${what}`, actual: `${formatNumber(hits)} test images trained on` },
  );
}

function epochsRun(fit: FitRecord): number {
  const loss = fit.history?.loss;
  return loss === undefined ? 0 : loss.length;
}

export interface TestImagesUnseenOptions {
  /** The check's title (default "Training never saw the test images"). */
  title?: string;
  /** The data set whose test split must stay unseen (default "fashion-target", the lessons' new task). */
  set?: Parameters<LabLibrary['datasets']['load']>[0];
}

/**
 * The whole "training never saw the test images" check, for every exercise that
 * scores on a test split: it loads the set's whole test split and fails when any
 * fit of the run trained on one of its images.
 *
 *   export default defineChecks([testImagesUnseen(), …]);
 */
export function testImagesUnseen(options: TestImagesUnseenOptions = {}): Check {
  const set = options.set ?? 'fashion-target';
  return {
    title: options.title ?? 'Training never saw the test images',
    hint: "The test images measure how well the model does on pictures it has never seen. Train on them and the score measures memory instead: it no longer tells you how the model will do on new images. Load your training images with split: 'train'.",
    // Fingerprinting the whole test split is quick; loading it may not be on a slow machine.
    timeoutMs: 20_000,
    async test({ lab }) {
      const test = await lab.datasets.load(set, { split: 'test' });
      try {
        await expectNotTrainedOn(test);
      } finally {
        test.dispose();
      }
    },
  };
}
