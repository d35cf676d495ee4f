/**
 * The one protocol between the page and the sandbox worker.
 *
 * Both sides import this module, so a message that one side sends and the
 * other does not understand is a type error, not a silent bug.
 *
 * Why a private channel: learner code runs inside the worker and can call
 * `self.postMessage(...)` freely. The page therefore never listens to the
 * worker's global `message` event. At start-up it transfers one end of a
 * `MessageChannel` to the worker (the `connect` message, the only message the
 * page ever posts on the worker itself); the worker keeps that port in module
 * scope, out of reach of learner code, and every result travels over it.
 */

/** The TensorFlow.js backends the runtime knows, fastest first on a CPU-only machine. */
export const BACKENDS = ['wasm', 'webgl', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];
/** What the learner (or the page) asks for: a backend, or let the runtime pick the fastest. */
export type BackendChoice = BackendName | 'auto';

// What a check produces and a run prints are the checks' contract (src/grading/contract.ts); the wire carries them as they are.
export type { CheckResult, LogLevel, TensorCounts } from '../grading/contract.ts';
import type { CheckResult, LogLevel, TensorCounts } from '../grading/contract.ts';
// What `show` draws (lab's show module builds it, the page renders it): bounded, pixels as bytes.
export type { ShowView, ShowKind } from '../lab/show-views.ts';
import type { ShowView } from '../lab/show-views.ts';

/** Everything the worker needs to run one exercise once. */
export interface RunRequest {
  /** Unique per runner; every reply carries it so stale replies can be dropped. */
  id: number;
  /** "lesson-slug/exercise-name", for messages and storage. */
  exercise: string;
  /** The learner's TypeScript, exactly as typed. */
  code: string;
  /** The exercise's checks (TypeScript source of checks.ts), if it has any. */
  checks?: string;
  /** Extra checks used only by the teacher's grader (checks.hidden.ts). */
  hiddenChecks?: string;
  backend: BackendChoice;
  /** Hard limit for the learner code plus checks; the page enforces it by terminating the worker. */
  timeLimitMs: number;
  /** Absolute URL prefix under which `models/` and `data/` are served (ends with "/"). */
  assetBase: string;
  /**
   * After a run whose checks all pass, send the model the code exports (`model`, else the first
   * exported tf.LayersModel) back as a `model` message, for "Download my model". `'always'`: after
   * the checks whatever their verdict (the grader scores every model on its hidden holdout).
   */
  exportModel?: boolean | 'always';
  /** Which export `exportModel` sends (default: `model`, else the first exported tf.LayersModel). */
  exportName?: string;
}

/** A place in the learner's TypeScript source (1-based, as editors count). */
export interface SourcePosition {
  line: number;
  column: number;
}

export type ErrorPhase = 'compile' | 'run' | 'checks' | 'timeout' | 'stopped' | 'crash';

/** An error explained for the learner. */
export interface LearnerError {
  phase: ErrorPhase;
  /** e.g. "TypeError"; "SyntaxError" for compile errors; "Thrown value" for `throw 42`. */
  name: string;
  message: string;
  /** Where in the learner's TypeScript, when known. */
  position?: SourcePosition;
  /** Which source the position refers to. */
  file?: 'code' | 'checks';
}

/** The summary of one finished run. */
export interface RunResult {
  /** ok: the code ran (checks may still fail); error: the code did not finish. */
  status: 'ok' | 'error';
  error?: LearnerError;
  backend: BackendName;
  /** Wall time of the learner code alone. */
  runMs: number;
  /** Wall time of the checks. */
  checksMs: number;
  tensors: TensorCounts;
  /** Absent when the exercise has no checks or the code crashed before them. */
  checks?: CheckResult[];
  /** Lines of output dropped by the output cap. */
  droppedLogLines: number;
  /**
   * The learner module's exports that are finite numbers (at most 16, names up to 64 characters),
   * when the code ran and its checks ran: what the page may show beside the course's own data
   * (lesson 6 plots the learner's `scratchAccuracy` and `transferAccuracy`).
   */
  numbers?: Record<string, number>;
}

// ---------------------------------------------------------------- page -> worker

/** Sent once on the worker's global scope, transferring the private port. */
export interface ConnectMessage {
  type: 'connect';
  port: MessagePort;
  /**
   * A Web Lock the worker holds for as long as it lives. A worker that ends
   * without a word (closed, crashed, out of memory) fires no event on the page
   * in Chromium; its lock being released does, so the page requests the same
   * lock and hears about it. Absent where Web Locks are not available.
   */
  lifeLock?: string;
}

/** Sent over the private port. */
export type PageToWorker = { type: 'run'; request: RunRequest };

// ---------------------------------------------------------------- worker -> page

/** How long a sandbox worker took to start (its own clock, from its creation). */
export interface WorkerStartup {
  /** Until the worker's modules (tfjs, lab, grading, the runtime) were loaded and evaluated. */
  moduleMs: number;
  /** Initialising the warm-up backend after that. */
  backendMs: number;
  /** The backend it warmed ('auto' choice), absent if none could start. */
  backend?: BackendName;
  note?: string;
}

/**
 * A trained model in TF.js's saved form (what `model.save()` hands a save handler), ready to be
 * written as `model.json` + one weights file (the `downloads://` format).
 */
export interface ExportedModel {
  /** Which export it is (`model`, `transferModel`, ...). */
  exportName: string;
  /** The Keras topology JSON (`model.json`'s `modelTopology`). */
  modelTopology: unknown;
  /** The weights' names, shapes and dtypes, in `weightData` order. */
  weightSpecs: { name: string; shape: number[]; dtype: string }[];
  /** All weights, concatenated (little-endian float32). */
  weightData: ArrayBuffer;
  /** `model.json`'s `format`, `generatedBy`, `convertedBy`. */
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
}

export type WorkerToPage =
  /** The worker loaded tfjs and can take a run. */
  | { type: 'ready'; startup?: WorkerStartup }
  /** The backend the run actually uses (after 'auto' or a failed choice). */
  | { type: 'backend'; id: number; backend: BackendName; note?: string }
  | { type: 'log'; id: number; level: LogLevel; text: string }
  /** A `model.fit`/`fitDataset` call began; `fit` numbers the calls in this run from 0. */
  | {
      type: 'fit-start';
      id: number;
      fit: number;
      epochs: number;
      /** Batches per epoch, when known. */
      batches?: number;
    }
  /** Sent at most every ~100 ms, so training is not slowed by messages. */
  | { type: 'fit-batch'; id: number; fit: number; epoch: number; batch: number }
  | { type: 'fit-epoch'; id: number; fit: number; epoch: number; logs: Record<string, number> }
  | { type: 'fit-end'; id: number; fit: number }
  /**
   * A `show.images` / `show.confusion` / … call: one bounded view (src/lab/show-views.ts caps it
   * and says what it left out). At most MAX_SHOW_VIEWS per run; later calls are counted, and a
   * `log` line says so.
   */
  | { type: 'show'; id: number; view: ShowView }
  /** With `RunRequest.exportModel`, after all checks passed (or any checks, with 'always') and before `done`: the learner's model. */
  | { type: 'model'; id: number; model: ExportedModel }
  | { type: 'done'; id: number; result: RunResult };

export type WorkerToPageType = WorkerToPage['type'];

/** Events a run reports while under way (every worker message but `ready` and `done`). */
export type RunEvent = Exclude<WorkerToPage, { type: 'done' } | { type: 'ready' }>;

/** Narrowing helper for handlers. */
export function isMessage<T extends WorkerToPageType>(
  msg: WorkerToPage,
  type: T,
): msg is Extract<WorkerToPage, { type: T }> {
  return msg.type === type;
}

/** Output lines kept per run; the rest is counted and reported as truncated. */
export const MAX_LOG_LINES = 2000;
/** Characters kept per output line. */
export const MAX_LOG_LINE_CHARS = 10_000;
/** `show` views kept per run; the rest are counted and reported. */
export const MAX_SHOW_VIEWS = 50;
/** Pixel bytes of all the `show` views of one run (each view has its own cap too, SHOW_LIMITS.bytes). */
export const MAX_SHOW_BYTES = 8_000_000;
/** Default run time limit; an exercise or the course config may change it. */
export const DEFAULT_TIME_LIMIT_MS = 120_000;

// ---------------------------------------------------------------- the wire

/**
 * Run events travel in batches: the worker queues them and posts one `batch`
 * at most every ~50 ms (sooner when the queue is long), so a loop that prints
 * or trains fast costs a few messages per second instead of one per line.
 * Order is kept inside and across batches. The page-side runner unpacks
 * batches, so `RunOptions.onEvent` still sees one event at a time.
 */
export interface EventBatch {
  type: 'batch';
  id: number;
  events: WorkerToPage[];
  /** Output lines dropped by the cap so far in this run (lets the page report it even if the run is killed). */
  droppedLogLines: number;
}

/** What the worker actually posts on the private port. */
export type WorkerWireMessage = WorkerToPage | EventBatch;

const WIRE_TYPES: ReadonlySet<string> = new Set<WorkerWireMessage['type']>([
  'ready',
  'backend',
  'log',
  'fit-start',
  'fit-batch',
  'fit-epoch',
  'fit-end',
  'show',
  'model',
  'done',
  'batch',
]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * Shape check for data arriving on the private port. The port is out of the
 * learner's reach, so this guards against our own version skew (an old worker
 * cached next to a new page), not against forgery.
 */
export function isWorkerWireMessage(value: unknown): value is WorkerWireMessage {
  if (!isRecord(value) || typeof value.type !== 'string' || !WIRE_TYPES.has(value.type)) return false;
  if (value.type === 'ready') return true;
  if (typeof value.id !== 'number') return false;
  if (value.type === 'batch') return Array.isArray(value.events) && typeof value.droppedLogLines === 'number';
  if (value.type === 'done') return isRecord(value.result) && typeof value.result.status === 'string';
  return true;
}

/** The one message the page posts on the worker's global scope. */
export function isConnectMessage(value: unknown): value is ConnectMessage {
  return isRecord(value) && value.type === 'connect' && typeof MessagePort !== 'undefined' && value.port instanceof MessagePort;
}

/** Messages the page sends over the private port. */
export function isPageToWorker(value: unknown): value is PageToWorker {
  return (
    isRecord(value) &&
    value.type === 'run' &&
    isRecord(value.request) &&
    typeof value.request.id === 'number' &&
    typeof value.request.code === 'string'
  );
}
