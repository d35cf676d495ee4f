/**
 * The page side of the sandbox against a scripted fake worker (Node has
 * MessageChannel; the real worker is exercised in Chromium, see the report).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { RunRequest, RunResult, WorkerWireMessage } from '../../../src/sandbox/protocol.ts';
import type { RunEvent } from '../../../src/sandbox/page/runner.ts';
import { createWorkerRunner } from '../../../src/sandbox/page/worker-runner.ts';
import { leavesACoreFree } from '../../../src/sandbox/worker/wasm-threads.ts';

type Behaviour = 'finish' | 'hang' | 'crash' | 'close-port' | 'vanish' | 'never-ready';

const okResult = (backend: RunResult['backend'] = 'wasm'): RunResult => ({
  status: 'ok',
  backend,
  runMs: 5,
  checksMs: 0,
  tensors: { before: 0, after: 0 },
  droppedLogLines: 0,
});

class FakeWorker extends EventTarget {
  static created: FakeWorker[] = [];
  terminated = false;
  readonly globalMessages: unknown[] = [];
  port: MessagePort | undefined;
  behaviour: Behaviour;
  /** Lets go of the life lock, as a real worker does when it ends. */
  private releaseLock: () => void = () => {};

  constructor(behaviour: Behaviour) {
    super();
    this.behaviour = behaviour;
    FakeWorker.created.push(this);
  }

  postMessage(data: unknown): void {
    this.globalMessages.push(data);
    const port = (data as { port: MessagePort }).port;
    this.port = port;
    port.onmessage = (event: MessageEvent) => this.onRun((event.data as { request: RunRequest }).request);
    if (this.behaviour === 'never-ready') return;
    const lifeLock = (data as { lifeLock?: string }).lifeLock;
    const held = lifeLock
      ? new Promise<void>((resolve) => {
          void navigator.locks.request(lifeLock, () => {
            resolve();
            return new Promise<void>((release) => (this.releaseLock = release));
          });
        })
      : Promise.resolve();
    void held.then(() => setTimeout(() => this.send({ type: 'ready' }), 5));
  }

  private send(message: WorkerWireMessage): void {
    if (!this.terminated) this.port?.postMessage(message);
  }

  private onRun(request: RunRequest): void {
    if (this.behaviour === 'finish') {
      this.send({ type: 'done', id: request.id + 1000, result: okResult('cpu') }); // stale id: must be ignored
      this.send({
        type: 'batch',
        id: request.id,
        droppedLogLines: 0,
        events: [
          { type: 'backend', id: request.id, backend: 'wasm', note: 'SIMD' },
          { type: 'log', id: request.id, level: 'log', text: request.code },
        ],
      });
      this.send({ type: 'done', id: request.id, result: okResult() });
    } else if (this.behaviour === 'crash') {
      const error = new Event('error') as Event & { message: string };
      error.message = 'Uncaught out of memory';
      this.dispatchEvent(error);
    } else if (this.behaviour === 'close-port') {
      this.send({ type: 'batch', id: request.id, droppedLogLines: 12, events: [] });
      setTimeout(() => this.port?.close(), 5);
    } else if (this.behaviour === 'vanish') {
      // Like Chromium ending a worker (self.close(), out of memory): no event, the port stays open; only the lock goes.
      setTimeout(() => this.releaseLock(), 5);
    }
    // 'hang': like `while (true) {}`, nothing more ever arrives.
  }

  terminate(): void {
    this.terminated = true;
    this.releaseLock();
    this.port?.close();
  }
}

const request = (code: string, extra: Partial<Omit<RunRequest, 'id'>> = {}): Omit<RunRequest, 'id'> => ({
  exercise: 'test/worker-runner',
  code,
  backend: 'auto',
  timeLimitMs: 5_000,
  assetBase: '/',
  ...extra,
});

function runnerWith(...behaviours: Behaviour[]) {
  return runnerWithOptions({}, ...behaviours);
}

function runnerWithOptions(options: { loadSpareDuringRun?: boolean }, ...behaviours: Behaviour[]) {
  const queue = [...behaviours];
  return createWorkerRunner({
    createWorker: () => new FakeWorker(queue.shift() ?? 'finish') as unknown as Worker,
    startTimeoutMs: 300,
    ...options,
  });
}

afterEach(() => {
  FakeWorker.created = [];
});

describe('worker runner', () => {
  it('connects over a private port, streams events and resolves with the worker result', async () => {
    const runner = runnerWith('finish', 'finish');
    const events: RunEvent[] = [];
    const result = await runner.run(request('print me'), { onEvent: (e) => events.push(e) });
    expect(result).toEqual(okResult());
    expect(events.map((e) => e.type)).toEqual(['backend', 'log']);
    const first = FakeWorker.created[0]!;
    // The only message posted on the worker's global scope is `connect`.
    expect(first.globalMessages).toHaveLength(1);
    expect(first.globalMessages[0]).toMatchObject({ type: 'connect' });
    expect(first.terminated).toBe(true); // one worker per run
    runner.dispose();
  });

  it('pre-warms a spare, and starts the next one as soon as a run takes it', async () => {
    const runner = runnerWith();
    expect(FakeWorker.created).toHaveLength(1); // the spare, before any run
    const first = runner.run(request('a'));
    expect(FakeWorker.created).toHaveLength(2); // the run took the spare; the next one is loading
    await first;
    expect(FakeWorker.created).toHaveLength(2); // ended: the spare is already there
    await runner.run(request('b'));
    expect(FakeWorker.created).toHaveLength(3);
    expect(FakeWorker.created.slice(0, 2).every((w) => w.terminated)).toBe(true);
    runner.dispose();
    expect(FakeWorker.created[2]!.terminated).toBe(true);
  });

  it('when a run takes every core, loads the next spare only after the run', async () => {
    const runner = runnerWithOptions({ loadSpareDuringRun: false });
    expect(FakeWorker.created).toHaveLength(1); // the spare, before any run
    const first = runner.run(request('a'));
    expect(FakeWorker.created).toHaveLength(1); // nothing loads beside the run
    await first;
    expect(FakeWorker.created).toHaveLength(2); // ended: the next spare loads now
    await runner.run(request('b'));
    expect(FakeWorker.created).toHaveLength(3);
    runner.dispose();
  });

  it('a run leaves a core free unless it is threaded wasm on every core', () => {
    expect(leavesACoreFree(2, false)).toBe(true); // single-threaded: the other core is free
    expect(leavesACoreFree(2, true)).toBe(false); // 2 threads on 2 cores
    expect(leavesACoreFree(4, true)).toBe(true); // 2 threads on 4
    expect(leavesACoreFree(16, true)).toBe(true); // 8 threads on 16
    expect(leavesACoreFree(1, true)).toBe(false); // one core, nothing to spare
    expect(leavesACoreFree(undefined, false)).toBe(false);
  });

  it('a runner with its own factory keeps its own spare and frees it on dispose', async () => {
    // (Runners on the default factory share one pool; that needs a real Worker, see the browser tests.)
    const a = runnerWith();
    const b = runnerWith();
    expect(FakeWorker.created).toHaveLength(2);
    a.dispose();
    b.dispose();
    expect(FakeWorker.created.every((w) => w.terminated)).toBe(true);
  });

  it('stop() ends an endless run at once by terminating the worker', async () => {
    const runner = runnerWith('hang');
    const pending = runner.run(request('while (true) {}'));
    await new Promise((resolve) => setTimeout(resolve, 30));
    const stoppedAt = performance.now();
    runner.stop();
    const result = await pending;
    expect(performance.now() - stoppedAt).toBeLessThan(50);
    expect(result.error).toMatchObject({ phase: 'stopped' });
    expect(FakeWorker.created[0]!.terminated).toBe(true);
    // Usable again right away, on the fresh spare.
    expect((await runner.run(request('next'))).status).toBe('ok');
    runner.dispose();
  });

  it('stops through an AbortSignal too', async () => {
    const runner = runnerWith('hang');
    const controller = new AbortController();
    const pending = runner.run(request('x'), { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    expect((await pending).error?.phase).toBe('stopped');
    runner.dispose();
  });

  it('enforces the time limit by terminating the worker', async () => {
    const runner = runnerWith('hang');
    const result = await runner.run(request('slow', { timeLimitMs: 100 }));
    expect(result.error).toMatchObject({ phase: 'timeout', name: 'Timeout' });
    expect(result.runMs).toBeGreaterThanOrEqual(90);
    expect(FakeWorker.created[0]!.terminated).toBe(true);
    runner.dispose();
  });

  it("turns a worker error into a 'crash'", async () => {
    const runner = runnerWith('crash');
    const result = await runner.run(request('boom'));
    expect(result.error?.phase).toBe('crash');
    expect(result.error?.message).toContain('Uncaught out of memory');
    runner.dispose();
  });

  it("turns a worker that closes without 'done' into a 'crash', keeping the dropped-line count", async () => {
    const runner = runnerWith('close-port');
    const result = await runner.run(request('self.close()'));
    expect(result.error?.phase).toBe('crash');
    expect(result.droppedLogLines).toBe(12);
    runner.dispose();
  });

  it("notices a worker that ends without any event, through its life lock", async () => {
    const runner = runnerWith('vanish');
    const started = performance.now();
    const result = await runner.run(request('x', { timeLimitMs: 5_000 }));
    expect(result.error?.phase).toBe('crash');
    expect(result.error?.message).toMatch(/stopped without finishing/);
    expect(performance.now() - started).toBeLessThan(1_000);
    runner.dispose();
  });

  it("fails with 'crash' when a worker never becomes ready", async () => {
    const runner = runnerWith('never-ready');
    const result = await runner.run(request('x'));
    expect(result.error?.phase).toBe('crash');
    expect(result.error?.message).toMatch(/could not start/);
    runner.dispose();
  });

  it('rejects misuse: a second concurrent run, or a run after dispose', async () => {
    const runner = runnerWith('hang');
    const first = runner.run(request('x'));
    await expect(runner.run(request('y'))).rejects.toThrow(/already in progress/);
    runner.stop();
    await first;
    runner.dispose();
    await expect(runner.run(request('z'))).rejects.toThrow(/disposed/);
  });
});
