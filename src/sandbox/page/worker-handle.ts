/**
 * The page's handle on one sandbox worker: creates it, hands it the private
 * port (`connect`), and reports three things only: messages from the port,
 * `ready`, and the worker going away without a word (load failure, uncaught
 * error, closed port).
 */
import { isWorkerWireMessage, type ConnectMessage, type WorkerStartup, type WorkerWireMessage } from '../protocol.ts';

export type WorkerFactory = () => Worker;

/** Vite bundles the worker from this `new URL(...)` form; keep it literal. */
export const defaultWorkerFactory: WorkerFactory = () =>
  new Worker(new URL('../worker/entry.ts', import.meta.url), { type: 'module', name: 'transfer-lab-sandbox' });

export class WorkerHandle {
  readonly worker: Worker;
  readonly port: MessagePort;
  /** When the worker was created and when it said `ready` (performance.now() ms). */
  readonly createdAt: number;
  readyAt: number | undefined;
  /** The worker's own account of its start-up, from its `ready` message. */
  startup: WorkerStartup | undefined;
  /** Resolves on `ready`; rejects if the worker dies first or takes longer than the start timeout. */
  readonly ready: Promise<void>;
  /** Where port messages go once a run owns this worker. */
  onMessage: ((message: WorkerWireMessage) => void) | null = null;
  /** Called once if the worker goes away on its own. */
  onGone: ((reason: string) => void) | null = null;
  private gone = false;
  private readonly channel: MessageChannel;
  private readonly lockWatch = new AbortController();

  constructor(factory: WorkerFactory, startTimeoutMs: number) {
    this.createdAt = performance.now();
    this.worker = factory();
    this.channel = new MessageChannel();
    this.port = this.channel.port1;
    let markReady!: () => void;
    let failStart!: (reason: Error) => void;
    this.ready = new Promise<void>((resolve, reject) => {
      markReady = resolve;
      failStart = reject;
    });
    this.ready.catch(() => undefined); // a spare that fails before anyone waits is not an unhandled rejection
    const startTimer = setTimeout(
      () => failStart(new Error(`it did not start within ${Math.round(startTimeoutMs / 1000)} s`)),
      startTimeoutMs,
    );

    this.port.onmessage = (event: MessageEvent) => {
      if (!isWorkerWireMessage(event.data)) return;
      if (event.data.type === 'ready') {
        clearTimeout(startTimer);
        this.readyAt = performance.now();
        this.startup = event.data.startup;
        markReady();
        return;
      }
      this.onMessage?.(event.data);
    };
    const die = (reason: string): void => {
      clearTimeout(startTimer);
      failStart(new Error(reason));
      if (this.gone) return;
      this.gone = true;
      this.onGone?.(reason);
    };
    this.worker.addEventListener('error', (event: ErrorEvent) => {
      event.preventDefault();
      die(event.message ? `The sandbox failed: ${event.message}` : 'The sandbox failed to load or crashed.');
    });
    this.worker.addEventListener('messageerror', () => die('The sandbox sent a message the page could not read.'));
    // Fired by browsers that support MessagePort 'close' when the other side's worker goes away.
    this.port.addEventListener('close', () => die('The sandbox closed without finishing the run.'));

    const lifeLock = locksAvailable() ? `transfer-lab-sandbox-${crypto.randomUUID()}` : undefined;
    const connect: ConnectMessage = { type: 'connect', port: this.channel.port2, ...(lifeLock ? { lifeLock } : {}) };
    this.worker.postMessage(connect, [this.channel.port2]);
    if (lifeLock) {
      // Granted only when the worker has let go of it, i.e. when the worker is gone.
      this.ready.then(
        () =>
          navigator.locks
            .request(lifeLock, { signal: this.lockWatch.signal }, () => die('The sandbox stopped without finishing the run.'))
            .catch(() => undefined), // aborted by terminate(): we ended it ourselves
        () => undefined, // never started: already reported through `ready`
      );
    }
  }

  post(message: unknown): void {
    this.port.postMessage(message);
  }

  terminate(): void {
    this.gone = true;
    this.onMessage = null;
    this.onGone = null;
    this.lockWatch.abort();
    this.worker.terminate();
    this.port.close();
  }
}

function locksAvailable(): boolean {
  return typeof navigator === 'object' && typeof navigator.locks?.request === 'function' && typeof crypto?.randomUUID === 'function';
}
