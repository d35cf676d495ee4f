/**
 * Which transfer arm's lead over scratch scripts/experiment.ts reports at each k (`bestTransferArm`),
 * chosen on validation images, never on the test set. Mean validation accuracy on the shipped base
 * (scripts/research/pytorch-few-shot/bases.py `eval shipped head finetune`, seeds 1-5, for k <= 20;
 * arms.py, 2-3 seeds, for k >= 50): the fine-tuned arm is ahead by 0.4 and 0.2 points at k = 1 and 3 (inside one sample's
 * spread; the simpler head is kept), behind by 0.7, 2.0, 0.7 and 0.1 at k = 5, 10, 20 and 50, ahead
 * by 0.4 at k = 100 and 1.3 at k = 200. Not part of `settings` (it picks what to report, not how to train).
 */
export const TRANSFER_ARM_BY_K: Record<number, 'head' | 'finetune'> = { 1: 'head', 3: 'head', 5: 'head', 10: 'head', 20: 'head', 50: 'head', 100: 'finetune', 200: 'finetune' };
