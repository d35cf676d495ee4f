/**
 * The contract between the checks and the sandbox that runs them, in one
 * module that imports nothing of either: the sandbox fills a `CheckContext`
 * and calls `runChecks`; a check's outcome comes back as a `CheckResult`,
 * which the protocol (src/sandbox/protocol.ts) carries to the page as it is.
 *
 * The arrows run one way: src/grading and src/sandbox import this file, it
 * imports neither (before, the types looped protocol -> grading ->
 * grading-contract -> protocol).
 */
import type * as TensorFlow from '@tensorflow/tfjs';

export type LogLevel = 'log' | 'info' | 'warn' | 'error';

/** One check's outcome, as the page shows it. Produced by src/grading. */
export interface CheckResult {
  title: string;
  status: 'pass' | 'fail';
  /** On failure: what went wrong, in words. */
  message?: string;
  expected?: string;
  actual?: string;
  /**
   * A fuller message that gives the answer away (an assertion with `{ reveal: n }`): the page
   * shows it instead of `message` once the learner has failed this check more than `afterAttempts` times.
   */
  revealed?: { afterAttempts: number; message: string; expected?: string };
  hint?: string;
  /** True for checks that came from checks.hidden.ts. */
  hidden?: boolean;
  /** The check's points when it declares them (`points` in defineChecks); absent means 1. */
  points?: number;
  durationMs: number;
}

export interface TensorCounts {
  before: number;
  after: number;
}

/** One `model.fit` / `fitDataset` call made by the learner's code, in call order. */
export interface FitRecord {
  epochs: number;
  /** The `history.history` of the call: metric name -> one value per epoch (e.g. `loss`, `val_acc`). */
  history: Record<string, number[]>;
  batchSize?: number;
  /** Training examples seen per epoch, when known. */
  samples?: number;
  /** The optimizer's learning rate at the time of the call, when known. */
  learningRate?: number;
  /**
   * What the call trained on: a fingerprint of every image of every training batch (the model's
   * first input), taken by the sandbox inside tfjs's training step (image-fingerprint.ts). Absent
   * when the sandbox saw no batch: a fit that ran no batch, or code that bypassed tfjs's training step.
   */
  inputs?: InputFingerprint;
}

/** The images some training saw, by content (src/grading/image-fingerprint.ts). */
export interface InputFingerprint {
  /** Images trained on, counting each time one was seen (every epoch, every batch). */
  images: number;
  /** The distinct images' hashes, in the order first seen. */
  hashes: number[];
  /** True when more distinct images were seen than the sandbox keeps (`hashes` is then the first ones). */
  truncated?: boolean;
}

/** One line the learner's code printed. */
export interface LogEntry {
  level: LogLevel;
  text: string;
}

/**
 * One `show` view the learner's code drew, in call order (what `shown` lists). The kinds are
 * the page's `data-show` names; lab's show-views.ts (`ShowKind`) must list the same ones
 * (src/sandbox/worker/show-recorder.ts checks it at compile time).
 */
export interface ShownView {
  kind: 'images' | 'confusion' | 'per-class' | 'filters' | 'activations' | 'table' | 'linechart';
  /** The `name` option of the call, if given. */
  name?: string;
  /** What it shows: images (images), classes (confusion, per-class), filters, layers (activations), rows (table) or points (linechart). */
  count: number;
  /** Images it carries: the grid's, those behind a confusion matrix's cells, the filters' or the feature maps'. */
  images: number;
  /** `show.images` with predictions: how many of the shown images the model got wrong. */
  wrong?: number;
}

/**
 * Everything a check may look at. The runtime builds it after the learner's
 * code has finished. Checks see `lab` typed as the learner library (`Check`
 * defaults `Lab` to `LabLibrary`); the bare `CheckContext` keeps `unknown` so
 * that the runtime, which holds the library as an injected value, can build one.
 */
export interface CheckContext<Lab = unknown> {
  /** The learner module's exports, e.g. `exports.model`, `exports.history`. */
  exports: Record<string, unknown>;
  /** Every fit call, in order. */
  fits: FitRecord[];
  /** Images given to `model.trainOnBatch` (training outside fit/fitDataset), when there were any. */
  otherTraining?: InputFingerprint;
  /** Optimizer steps the learner's own loop took (`optimizer.minimize` / `applyGradients` outside fit), when there were any: training the sandbox could not fingerprint. */
  unseenTraining?: number;
  /** What the learner's code printed, in order. */
  logs: LogEntry[];
  /** The learner's TypeScript, exactly as typed. */
  source: string;
  /** Wall time of the learner's code, in milliseconds. */
  runMs: number;
  /** Live tensors before and after the learner's code (a leak shows as after > before). */
  tensors: TensorCounts;
  /** TensorFlow.js, the same instance the learner's code used. */
  tf: typeof TensorFlow;
  /** The learner library (`models`, `datasets`, `evaluate`). */
  lab: Lab;
  /** Every `show` view the code drew, in order (only those within the per-run cap). */
  shown: ShownView[];
}

/**
 * The part of the grading module the sandbox calls. The sandbox reaches it
 * through an injected value (the worker's import, or the in-process runner's
 * option), checked with `isGradingModule`.
 */
export interface GradingModule {
  runChecks(
    checks: readonly never[],
    ctx: CheckContext,
    opts?: { timeoutMs?: number; hidden?: boolean },
  ): Promise<CheckResult[]>;
  DEFAULT_CHECK_TIMEOUT_MS?: number;
}

export function isGradingModule(value: unknown): value is GradingModule {
  return typeof value === 'object' && value !== null && typeof (value as GradingModule).runChecks === 'function';
}
