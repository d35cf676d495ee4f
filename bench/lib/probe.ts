/**
 * Timing a learner program from the inside, without changing what it does.
 *
 * The RunResult only says how long the code and the checks took in total.
 * To split that into model load, set-up, warm-up and training, the bench
 * wraps the program (a reference solution, unchanged) between a prelude and
 * an epilogue, both ordinary learner code:
 *
 * - the prelude notes the start time and wraps two prototype methods, which
 *   learner code may do (the sandbox restores them after the run):
 *   `LayersModel.prototype.loadWeights` (called once a pretrained model's
 *   weights are in: the end of a model load) and `LayersModel.prototype.fit`
 *   (start, every epoch end, end of each fit). The epoch-end hook is an
 *   `onEpochEnd` callback, which tfjs already syncs on (its BaseLogger reads
 *   the epoch's loss), so it adds no GPU round trip; batches are not timed,
 *   because reading a batch's loss would.
 * - the epilogue prints one log line, `BENCH_MARK` + JSON, read back from the
 *   run's events by `readProbeReport`.
 *
 * With `holdForHeap`, the epilogue then waits (up to 5 s) until the bench has
 * measured the worker's heap and set `globalThis.__benchHeapTaken`; the page
 * terminates the worker as soon as the run ends, so this is the only moment
 * the finished run's heap can be seen.
 */

import { MAX_LOG_LINE_CHARS } from '../../src/sandbox/protocol.ts';

export const BENCH_MARK = '__transfer_lab_bench__ ';
/** The report's JSON is printed in pieces of this many characters, each under the sandbox's line cap. */
const REPORT_PIECE_CHARS = MAX_LOG_LINE_CHARS - 1000;

/** What the prelude and epilogue record, on the worker's clock (ms). */
export interface ProbeReport {
  /** When the learner code started executing. */
  start: number;
  /** Each pretrained-weights load that finished. */
  weightsLoaded: number[];
  fits: FitTiming[];
  /** When the learner code's last statement finished. */
  end: number;
  /** tf.memory() at the end of the learner code. */
  memory: { numTensors: number; numBytes: number; numDataBuffers?: number };
  /** Size of the wasm backend's linear memory at the end (wasm only). */
  wasmHeapBytes?: number;
  backend: string;
}

export interface FitTiming {
  start: number;
  epochEnds: number[];
  end: number;
  samples?: number;
  batchSize?: number;
  epochs?: number;
  shuffle?: boolean;
  /** Layers whose weights the optimizer updates in this fit (collected at compile time). */
  trainable?: string[];
  /** The layer the model's output layer is applied to (where the base was cut for the new head). */
  headInput?: string;
  /** The model holds layers with pretrained weights (loaded in this run). */
  pretrainedModel?: boolean;
  /** Trainable layers that hold pretrained weights: non-empty means this fit fine-tunes. */
  pretrainedTrained?: string[];
  optimizer?: { name?: string; learningRate?: number; momentum?: number };
}

const PRELUDE = `import * as __benchTf from '@tensorflow/tfjs';
const __bench: any = { start: performance.now(), weightsLoaded: [], fits: [] };
{
  const proto: any = __benchTf.LayersModel.prototype;
  // Layers that received pretrained weights: a fit that trains one of them is fine-tuning.
  const pretrained = new WeakSet<object>();
  const loadWeights = proto.loadWeights;
  proto.loadWeights = function (this: any, ...args: unknown[]) {
    const out = loadWeights.apply(this, args);
    __bench.weightsLoaded.push(performance.now());
    for (const layer of this.layers ?? []) pretrained.add(layer);
    return out;
  };
  const fit = proto.fit;
  proto.fit = async function (this: unknown, x: any, y: unknown, args: any = {}) {
    const model: any = this;
    const optimizer: any = model.optimizer;
    const record: any = {
      start: performance.now(), epochEnds: [], end: 0,
      samples: Array.isArray(x) ? x[0]?.shape?.[0] : x?.shape?.[0],
      batchSize: args.batchSize ?? 32, epochs: args.epochs ?? 1, shuffle: args.shuffle ?? true,
      // The layer the output layer (the new head) is applied to: where the lesson cut the base.
      headInput: model.layers[model.layers.length - 1]?.inboundNodes?.[0]?.inboundLayers?.[0]?.name,
      // What the optimizer really updates: the weights collected at compile time, by layer.
      trainable: [...new Set((model.collectedTrainableWeights ?? []).map((w: any) => String(w.originalName ?? w.name).split('/')[0]))],
      pretrainedModel: model.layers.some((l: any) => pretrained.has(l)),
      optimizer: { name: optimizer?.getClassName?.(), learningRate: optimizer?.learningRate, momentum: optimizer?.momentum },
    };
    record.pretrainedTrained = record.trainable.filter((name: string) => model.layers.some((l: any) => l.name === name && pretrained.has(l)));
    __bench.fits.push(record);
    const given = args.callbacks == null ? [] : Array.isArray(args.callbacks) ? args.callbacks : [args.callbacks];
    const timer = { onEpochEnd: () => { record.epochEnds.push(performance.now()); } };
    try {
      return await fit.call(this, x, y, { ...args, callbacks: [...given, timer] });
    } finally {
      record.end = performance.now();
    }
  };
}
`;

function epilogue(holdForHeap: boolean): string {
  const hold = holdForHeap
    ? `{ const __until = performance.now() + 5000; while (!(globalThis as any).__benchHeapTaken && performance.now() < __until) await new Promise((ok) => setTimeout(ok, 10)); }\n`
    : '';
  return `
;{
  __bench.end = performance.now();
  __bench.memory = __benchTf.memory();
  __bench.backend = __benchTf.getBackend();
  const backend: any = __benchTf.backend();
  if (__bench.backend === 'wasm' && backend?.wasm?.HEAPU8) __bench.wasmHeapBytes = backend.wasm.HEAPU8.buffer.byteLength;
  // In pieces under the sandbox's log line cap (MAX_LOG_LINE_CHARS): a run with many fits (the sweep) reports more.
  const __report = JSON.stringify(__bench);
  for (let __at = 0; __at < __report.length; __at += ${REPORT_PIECE_CHARS}) console.log(${JSON.stringify(BENCH_MARK)} + __report.slice(__at, __at + ${REPORT_PIECE_CHARS}));
}
${hold}`;
}

/** The program, timed. Its own lines keep their text; only a prelude and an epilogue are added. */
export function instrument(code: string, options: { holdForHeap?: boolean } = {}): string {
  return `${PRELUDE}${code}\n${epilogue(options.holdForHeap ?? false)}`;
}

/** Finds the probe's report among a run's events (`{ type: 'log', text }`). */
export function readProbeReport(events: readonly unknown[]): ProbeReport | undefined {
  const pieces: string[] = [];
  for (const event of events) {
    const text = (event as { type?: unknown; text?: unknown }).text;
    if ((event as { type?: unknown }).type !== 'log' || typeof text !== 'string' || !text.startsWith(BENCH_MARK)) continue;
    pieces.push(text.slice(BENCH_MARK.length));
  }
  return pieces.length ? (JSON.parse(pieces.join('')) as ProbeReport) : undefined;
}

/** Probe programs print their measurements the same way: one marked JSON line. */
export function readProbeJson<T>(events: readonly unknown[], mark: string): T | undefined {
  for (const event of events) {
    const text = (event as { text?: unknown }).text;
    if (typeof text === 'string' && text.startsWith(mark)) return JSON.parse(text.slice(mark.length)) as T;
  }
  return undefined;
}
