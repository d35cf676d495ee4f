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
 */
import type { FitRecord } from '../../grading/contract.ts';
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
export interface TfForFit {
  LayersModel: { prototype: object };
  CustomCallback: unknown;
}

const BATCH_EVENT_INTERVAL_MS = 100;
const INSTALLED = Symbol.for('transfer-lab.fit-instrumented');

/** Per-run state: where events go and what was recorded. */
export class FitTracker {
  readonly records: FitRecord[] = [];
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

  const wrap = (original: Method, argsIndex: number): Method =>
    function instrumentedFit(this: unknown, ...args: unknown[]): Promise<unknown> {
      const tracker = activeTracker;
      if (!tracker) return callWith(original, this, args);
      const fitArgs: Logs = { ...((args[argsIndex] as Logs | undefined) ?? {}) };
      const progress = new Progress({}, fitArgs.yieldEvery);
      progress.attach(tracker, learningRateOf(this));
      fitArgs.callbacks = [...normalizeCallbacks(fitArgs.callbacks, Custom, BaseCallback, fitArgs.yieldEvery), progress];
      const callArgs = [...args];
      callArgs[argsIndex] = fitArgs;
      // tfjs fails inside its training loop, after awaits: no learner frame is left on
      // that error's stack, so the call's own stack says where the learner called fit.
      const callSite = stackHere();
      const result = chain(
        callWith(original, this, callArgs),
        (history) => {
          progress.finish(history);
          return history;
        },
        (error: unknown) => {
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
    private fitIndex = -1;
    private epoch = 0;
    private lastBatchEventAt = -Infinity;

    attach(tracker: FitTracker, learningRate: number | undefined): void {
      this.tracker = tracker;
      this.learningRate = learningRate;
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
      tracker.emit({ type: 'fit-end', id: tracker.runId, fit: this.fitIndex });
    }
  };
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
