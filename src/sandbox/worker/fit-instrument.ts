/**
 * Training progress without the learner writing callbacks.
 *
 * `tf.LayersModel.prototype.fit` and `fitDataset` are wrapped once per tfjs
 * instance. While a run is active, each call gets one extra callback appended
 * to whatever the learner passed; it reports fit-start / fit-batch (at most
 * every ~100 ms) / fit-epoch / fit-end and records the history for the checks.
 * `tf.Sequential.prototype.fit` needs no wrapper: it forwards to its inner
 * LayersModel's `fit`, which is the wrapped one (wrapping both would count
 * every call twice).
 *
 * The extra callback extends tfjs's `CustomCallback` so it keeps tfjs's
 * default behaviour of yielding to the event loop every 125 ms during
 * training (which a fit with no callbacks gets too), and it never reads batch
 * logs, which would force a GPU sync per batch.
 *
 * What each call trained on: `makeTrainFunction` (the training step that
 * fit, fitDataset and trainOnBatch all build) is wrapped too, and every batch
 * it trains on is fingerprinted image by image (grading/image-fingerprint.ts)
 * into the call's `FitRecord.inputs` (trainOnBatch's into
 * `FitTracker.otherTraining`), so the checks can tell whether training saw
 * the test images. The batch is read with the `dataSync` taken when the
 * instrumentation was installed, before any learner code, so a replaced
 * `Tensor.prototype.dataSync` cannot hide it. That read syncs the GPU once per
 * batch on webgl; on wasm and cpu (the defaults) it is a copy.
 */
import type { FitRecord, InputFingerprint } from '../../grading/contract.ts';
import { imageHash } from '../../grading/image-fingerprint.ts';
import { callWith, chain, stackHere, whenAllSettled } from '../isolation/intrinsics.ts';
import { rememberCallSite } from './describe-thrown.ts';
import type { RunEvent } from '../protocol.ts';

type Logs = Record<string, unknown>;

interface CallbackInstance {
  params?: Logs;
  onTrainBegin(logs?: Logs): Promise<void>;
  onEpochBegin(epoch: number, logs?: Logs): Promise<void>;
  onEpochEnd(epoch: number, logs?: Logs): Promise<void>;
  onBatchEnd(batch: number, logs?: Logs): Promise<void>;
}

type CallbackClass = new (args: Logs, yieldEvery?: unknown) => CallbackInstance;
type Method = (this: unknown, ...args: unknown[]) => Promise<unknown>;

/** The slice of the tfjs module the instrumentation touches. */
/** The optimizer classes that each define their own `applyGradients` (their base class, Optimizer, has `minimize`). */
const OPTIMIZER_CLASSES = ['SGDOptimizer', 'MomentumOptimizer', 'AdamOptimizer', 'AdamaxOptimizer', 'AdagradOptimizer', 'AdadeltaOptimizer', 'RMSPropOptimizer'] as const;

export type TfForFit = {
  LayersModel: { prototype: object };
  CustomCallback: unknown;
  Tensor: { prototype: object };
  Optimizer?: { prototype: object };
} & Partial<Record<(typeof OPTIMIZER_CLASSES)[number], { prototype: object }>>;

/** At most this many distinct images are fingerprinted per fit call (a few times the largest shipped set). */
export const MAX_FINGERPRINTED_IMAGES = 20_000;

const BATCH_EVENT_INTERVAL_MS = 100;
const INSTALLED = Symbol.for('transfer-lab.fit-instrumented');

/** Per-run state: where events go and what was recorded. */
export class FitTracker {
  readonly records: FitRecord[] = [];
  /** What trainOnBatch trained on (training outside a fit call), once it has been called. */
  otherTraining: InputFingerprint | undefined;
  /**
   * Optimizer steps taken outside any model's training step (`optimizer.minimize` or
   * `applyGradients` in the learner's own loop): training on data the sandbox cannot see.
   */
  unseenTraining = 0;
  private readonly running = new Set<Promise<unknown>>();

  readonly emit: (event: RunEvent) => void;
  readonly runId: number;
  readonly now: () => number;

  constructor(emit: (event: RunEvent) => void, runId: number, now: () => number) {
    this.emit = emit;
    this.runId = runId;
    this.now = now;
  }

  /** True while some fit call has not settled (e.g. the learner forgot `await`). */
  get busy(): boolean {
    return this.running.size > 0;
  }

  track(promise: Promise<unknown>): void {
    this.running.add(promise);
    const forget = (): void => {
      this.running.delete(promise);
    };
    void chain(promise, forget, forget);
  }

  /** Calls `callback` once no fit is running (fits started meanwhile are waited for too). */
  whenIdle(callback: () => void): void {
    if (this.running.size === 0) {
      callback();
      return;
    }
    whenAllSettled([...this.running], () => this.whenIdle(callback));
  }
}

let activeTracker: FitTracker | null = null;

/** A fingerprint being filled, with the hashes already in it (a null-prototype object: no built-in to patch). */
interface Collector {
  fingerprint: InputFingerprint;
  seen: Record<number, true>;
}

function newCollector(): Collector {
  return { fingerprint: { images: 0, hashes: [] }, seen: Object.create(null) as Record<number, true> };
}

// Captured when this module loads (before any learner code): the model -> collector map of running fits.
const weakMapGet = WeakMap.prototype.get;
const weakMapSet = WeakMap.prototype.set;
const weakMapDelete = WeakMap.prototype.delete;
const collectors = new WeakMap<object, Collector>();

/** Routes fit events to `tracker` until the next call (null: fits pass through untouched). */
export function setActiveFitTracker(tracker: FitTracker | null): void {
  activeTracker = tracker;
}

/** Wraps `fit` and `fitDataset` of this tfjs instance; calling it again does nothing. */
export function instrumentFit(tf: TfForFit): void {
  const proto = tf.LayersModel.prototype as Record<PropertyKey, unknown>;
  if (proto[INSTALLED]) return;
  const Custom = tf.CustomCallback as CallbackClass;
  // tfjs does not export BaseCallback; it is CustomCallback's parent class.
  const BaseCallback = Object.getPrototypeOf(Custom.prototype).constructor as abstract new () => object;
  const Progress = progressCallbackClass(Custom);
  const dataSync = (tf.Tensor.prototype as { dataSync: Method }).dataSync as unknown as (this: unknown) => ArrayLike<number>;
  const fingerprintBatch = (collector: Collector, batch: unknown): void => {
    const input = batch as { shape?: unknown } | undefined;
    const shape = input?.shape;
    if (!Array.isArray(shape) || typeof shape[0] !== 'number' || shape[0] < 1) return;
    const count = shape[0];
    let values: ArrayLike<number>;
    try {
      values = callWith(dataSync, input, []);
    } catch {
      return; // not a tensor tfjs could read: tfjs's own step fails on it next
    }
    const perImage = (values.length / count) | 0;
    const fingerprint = collector.fingerprint;
    for (let n = 0; n < count; n++) {
      fingerprint.images++;
      const hash = imageHash(values, n * perImage, perImage);
      if (collector.seen[hash]) continue;
      if (fingerprint.hashes.length >= MAX_FINGERPRINTED_IMAGES) {
        fingerprint.truncated = true;
        continue;
      }
      collector.seen[hash] = true;
      fingerprint.hashes[fingerprint.hashes.length] = hash;
    }
  };
  /** How many optimizer steps are running now, tfjs's training step included (0: none). */
  let optimizerDepth = 0;
  const originalMakeTrainFunction = proto.makeTrainFunction as (this: unknown) => (data: unknown[]) => unknown;
  proto.makeTrainFunction = function instrumentedMakeTrainFunction(this: unknown): (data: unknown[]) => unknown {
    const step = callWith(originalMakeTrainFunction, this, []);
    const tracker = activeTracker;
    if (!tracker) return step;
    const model = this as object;
    return (data: unknown[]) => {
      let collector = callWith(weakMapGet, collectors, [model]) as Collector | undefined;
      if (!collector) {
        // trainOnBatch: no fit call of this model is running.
        collector = { fingerprint: (tracker.otherTraining ??= { images: 0, hashes: [] }), seen: otherSeen(tracker) };
      }
      fingerprintBatch(collector, data[0]);
      optimizerDepth++;
      try {
        return step(data);
      } finally {
        optimizerDepth--;
      }
    };
  };

  // An optimizer step outside a model's training step (the learner's own loop) trains on data no
  // fingerprint saw: counted, so expect.notTrainedOn can say it cannot vouch for that training.
  // tfjs's own step (above) and minimize's own call of applyGradients are inside: not counted.
  const watchSteps = (owner: { prototype: object } | undefined, name: 'minimize' | 'applyGradients') => {
    const target = owner?.prototype as Record<string, unknown> | undefined;
    const original = target && Object.prototype.hasOwnProperty.call(target, name) ? (target[name] as Method) : undefined;
    if (!target || typeof original !== 'function') return;
    target[name] = function watchedOptimizerStep(this: unknown, ...args: unknown[]): unknown {
      if (optimizerDepth === 0 && activeTracker) activeTracker.unseenTraining++;
      optimizerDepth++;
      try {
        return callWith(original, this, args);
      } finally {
        optimizerDepth--;
      }
    };
  };
  watchSteps(tf.Optimizer, 'minimize');
  for (const name of OPTIMIZER_CLASSES) watchSteps(tf[name], 'applyGradients');

  const wrap = (original: Method, argsIndex: number): Method =>
    function instrumentedFit(this: unknown, ...args: unknown[]): Promise<unknown> {
      const tracker = activeTracker;
      if (!tracker) return callWith(original, this, args);
      const fitArgs: Logs = { ...((args[argsIndex] as Logs | undefined) ?? {}) };
      const progress = new Progress({}, fitArgs.yieldEvery);
      const collector = newCollector();
      const model = this as object;
      // A model runs one fit at a time (tfjs refuses a second): its training steps fill this call's fingerprint.
      callWith(weakMapSet, collectors, [model, collector]);
      progress.attach(tracker, learningRateOf(this), collector.fingerprint);
      fitArgs.callbacks = [...normalizeCallbacks(fitArgs.callbacks, Custom, BaseCallback, fitArgs.yieldEvery), progress];
      const callArgs = [...args];
      callArgs[argsIndex] = fitArgs;
      // tfjs fails inside its training loop, after awaits: no learner frame is left on
      // that error's stack, so the call's own stack says where the learner called fit.
      const callSite = stackHere();
      const result = chain(
        callWith(original, this, callArgs),
        (history) => {
          callWith(weakMapDelete, collectors, [model]);
          progress.finish(history);
          return history;
        },
        (error: unknown) => {
          callWith(weakMapDelete, collectors, [model]);
          progress.finish(undefined);
          rememberCallSite(error, callSite);
          throw error;
        },
      );
      tracker.track(result);
      return result;
    };

  proto.fit = wrap(proto.fit as Method, 2);
  proto.fitDataset = wrap(proto.fitDataset as Method, 1);
  Object.defineProperty(proto, INSTALLED, { value: true });
}

/** Learner callbacks as tfjs accepts them (one, a list, plain objects or Callback instances) -> instances. */
function normalizeCallbacks(
  callbacks: unknown,
  Custom: CallbackClass,
  BaseCallback: abstract new () => object,
  yieldEvery: unknown,
): object[] {
  if (callbacks == null) return [];
  const list: unknown[] = Array.isArray(callbacks) ? callbacks : [callbacks];
  // tfjs only converts plain objects when the *first* item is one; converting
  // each item lets learners mix `{ onEpochEnd }` with `tf.callbacks.earlyStopping()`.
  return list.map((c) => (c instanceof BaseCallback ? c : new Custom(c as Logs, yieldEvery)));
}

function progressCallbackClass(Custom: CallbackClass) {
  return class ProgressCallback extends Custom {
    private tracker: FitTracker | null = null;
    private learningRate: number | undefined;
    private inputs: InputFingerprint | undefined;
    private fitIndex = -1;
    private epoch = 0;
    private lastBatchEventAt = -Infinity;

    attach(tracker: FitTracker, learningRate: number | undefined, inputs: InputFingerprint): void {
      this.tracker = tracker;
      this.learningRate = learningRate;
      this.inputs = inputs;
    }

    override async onTrainBegin(logs?: Logs): Promise<void> {
      const tracker = this.tracker;
      if (tracker) {
        const params = this.params ?? {};
        const epochs = typeof params.epochs === 'number' ? params.epochs : 1;
        this.fitIndex = tracker.records.length;
        const record: FitRecord = { epochs, history: {} };
        if (typeof params.batchSize === 'number') record.batchSize = params.batchSize;
        if (typeof params.samples === 'number') record.samples = params.samples;
        if (this.learningRate !== undefined) record.learningRate = this.learningRate;
        tracker.records.push(record);
        const batches = batchesPerEpoch(params);
        tracker.emit({
          type: 'fit-start',
          id: tracker.runId,
          fit: this.fitIndex,
          epochs,
          ...(batches === undefined ? {} : { batches }),
        });
      }
      await super.onTrainBegin(logs);
    }

    override async onEpochBegin(epoch: number, logs?: Logs): Promise<void> {
      this.epoch = epoch;
      await super.onEpochBegin(epoch, logs);
    }

    override async onBatchEnd(batch: number, logs?: Logs): Promise<void> {
      const tracker = this.tracker;
      if (tracker && this.fitIndex >= 0) {
        const now = tracker.now();
        if (now - this.lastBatchEventAt >= BATCH_EVENT_INTERVAL_MS) {
          this.lastBatchEventAt = now;
          tracker.emit({ type: 'fit-batch', id: tracker.runId, fit: this.fitIndex, epoch: this.epoch, batch });
        }
      }
      await super.onBatchEnd(batch, logs);
    }

    override async onEpochEnd(epoch: number, logs?: Logs): Promise<void> {
      const tracker = this.tracker;
      const record = tracker?.records[this.fitIndex];
      if (tracker && record) {
        const numbers = await numericLogs(logs);
        for (const [key, value] of Object.entries(numbers)) (record.history[key] ??= []).push(value);
        tracker.emit({ type: 'fit-epoch', id: tracker.runId, fit: this.fitIndex, epoch, logs: numbers });
      }
      await super.onEpochEnd(epoch, logs);
    }

    /** Called when the fit promise settles, with tfjs's History when it succeeded. */
    finish(history: unknown): void {
      const tracker = this.tracker;
      const record = tracker?.records[this.fitIndex];
      if (!tracker || !record) return;
      const final = historyNumbers(history);
      if (final) record.history = final;
      if (this.inputs && this.inputs.images > 0) record.inputs = this.inputs;
      tracker.emit({ type: 'fit-end', id: tracker.runId, fit: this.fitIndex });
    }
  };
}

const otherSeenByTracker = new WeakMap<FitTracker, Record<number, true>>();
function otherSeen(tracker: FitTracker): Record<number, true> {
  let seen = callWith(weakMapGet, otherSeenByTracker, [tracker]) as Record<number, true> | undefined;
  if (!seen) {
    seen = Object.create(null) as Record<number, true>;
    callWith(weakMapSet, otherSeenByTracker, [tracker, seen]);
  }
  return seen;
}

/** The learning rate of a compiled model's optimizer (tfjs optimizers expose `learningRate`). */
function learningRateOf(model: unknown): number | undefined {
  try {
    const rate = (model as { optimizer?: { learningRate?: unknown } } | null)?.optimizer?.learningRate;
    return typeof rate === 'number' ? rate : undefined;
  } catch {
    return undefined;
  }
}

function batchesPerEpoch(params: Logs): number | undefined {
  if (typeof params.steps === 'number') return params.steps;
  if (typeof params.samples === 'number' && typeof params.batchSize === 'number' && params.batchSize > 0) {
    return Math.ceil(params.samples / params.batchSize);
  }
  return undefined;
}

/** Epoch logs may hold scalar tensors (validation metrics); read them without disposing anything. */
async function numericLogs(logs: Logs | undefined): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(logs ?? {})) {
    if (typeof value === 'number') out[key] = value;
    else if (value && typeof (value as { data?: unknown }).data === 'function') {
      const data = (await (value as { data(): Promise<ArrayLike<number>> }).data()) as ArrayLike<number>;
      if (typeof data[0] === 'number') out[key] = data[0];
    }
  }
  return out;
}

function historyNumbers(history: unknown): Record<string, number[]> | undefined {
  const raw = (history as { history?: unknown } | undefined)?.history;
  if (typeof raw !== 'object' || raw === null) return undefined;
  const out: Record<string, number[]> = {};
  for (const [key, values] of Object.entries(raw)) {
    if (Array.isArray(values) && values.every((v) => typeof v === 'number')) out[key] = [...values];
    else return undefined; // unresolved tensors: keep what the epoch callbacks recorded
  }
  return out;
}
