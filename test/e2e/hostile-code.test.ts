/**
 * Hostile and broken learner code (issue 9), in Debian's Chromium, on the
 * hostile fixture course (test/fixtures/hostile/course, built once for all
 * hostile*.test.ts files, served under /hostile/).
 *
 * Most cases run through the course's runner page (the same worker and
 * channel an exercise block uses, without the editor): each asks what the
 * RunResult says. The cases whose danger is the page itself (a flood of
 * output, a 4 GB tensor, 10,000 epochs, a sandbox that closes itself) run in
 * real exercise blocks, pressing Run and Stop as a learner does, while the
 * page's main thread is watched for stalls.
 *
 * Run: npx vitest run --config vitest.e2e.config.ts test/e2e/hostile-code.test.ts
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { expectClean, launchBrowser, offlineSettled, watch } from './harness.ts';
import { startStaticServer, type StaticServer } from '../../scripts/static-server.ts';
import { buildHostileCourse, HOSTILE_BASE } from '../fixtures/hostile/build.ts';
import type { BackendChoice, RunResult } from '../../src/sandbox/protocol.ts';
import { pasteCode } from './editor.ts';

let browser: Browser;
let server: StaticServer;
let runner: Page;

beforeAll(async () => {
  server = await startStaticServer({ dir: buildHostileCourse(), base: HOSTILE_BASE });
  browser = await launchBrowser();
  runner = await browser.newPage();
  watch(runner);
  await runner.goto(`${server.url}tools/runner/`);
  await runner.waitForFunction(() => document.body.dataset.ready === 'true');
}, 400_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

// ------------------------------------------------------------------ the runner page

interface RunOptions {
  checks?: string;
  timeLimitMs?: number;
  backend?: BackendChoice;
}

async function run(code: string, { checks, timeLimitMs = 3000, backend = 'auto' }: RunOptions = {}): Promise<RunResult> {
  return runner.evaluate(
    (request) => (window as unknown as { transferLab: { run(r: unknown): Promise<RunResult> } }).transferLab.run(request),
    { exercise: 'hostile/code', code, ...(checks ? { checks } : {}), backend, timeLimitMs },
  );
}

/** A check that fails unless `tf` itself lies: the sum of 1, 2, 3 is read as 7, synchronously and after awaits. */
const SUM_IS_SEVEN = `
import { defineChecks, expect } from 'grading';
export default defineChecks([
  { title: 'sync sum is 7', test({ tf }) { expect(tf.tensor([1, 2, 3]).sum().dataSync()[0]).toBe(7, 'the sum'); } },
  { title: 'sum after a timer is 7', async test({ tf }) { await new Promise((r) => setTimeout(r, 40)); expect(tf.tensor([1, 2, 3]).sum().dataSync()[0]).toBe(7, 'the sum'); } },
  { title: 'async sum is 7', async test({ tf }) { const d = await tf.tensor([1, 2, 3]).sum().data(); expect(d[0]).toBe(7, 'the sum'); } },
]);
`;

const ANSWER_IS_42 = `
import { defineChecks, expect } from 'grading';
export default defineChecks([
  { title: 'answer is 42', test: ({ exports }) => expect(expect.exported(exports, 'answer')).toBe(42, 'answer') },
  { title: 'answer is a number', test: ({ exports }) => expect(typeof exports.answer).toBe('number', 'its type') },
]);
`;

const untrusted = (builtin: string): string =>
  `This check cannot be trusted: your code replaced the built-in \`${builtin}\`. Remove that change and run again.`;

const statuses = (result: RunResult) => (result.checks ?? []).map((check) => check.status);

describe('learner code that never ends', () => {
  it('an async loop that awaits forever, or a promise that never settles, ends at the time limit', async () => {
    for (const code of ['while (true) {\n  await new Promise((r) => setTimeout(r, 0));\n}', 'await new Promise(() => {});']) {
      const started = Date.now();
      const result = await run(code, { timeLimitMs: 3000 });
      expect(result.error).toMatchObject({ phase: 'timeout', message: expect.stringContaining('3 s limit') });
      expect(Date.now() - started).toBeLessThan(3000 + 2000);
    }
  });
});

describe('learner code that throws', () => {
  it('recursion until the stack overflows: a RangeError at the function, in plain words', async () => {
    const result = await run('function deeper(n: number): number {\n  return deeper(n + 1) + 1;\n}\ndeeper(0);');
    expect(result.error).toMatchObject({ phase: 'run', name: 'RangeError', file: 'code' });
    expect([1, 2]).toContain(result.error?.position?.line);
    expect(result.error?.message).toMatch(/^Maximum call stack size exceeded: a function kept calling itself without end/);
  });

  it('throw 42 and throw null: named as thrown values, at their line and column', async () => {
    const fortyTwo = await run("console.log('first');\n  throw 42;");
    expect(fortyTwo.error).toMatchObject({ name: 'Thrown value', position: { line: 2, column: 3 }, message: expect.stringMatching(/^42 \(a value that is not an Error/) });
    const nothing = await run('throw null;');
    expect(nothing.error).toMatchObject({ name: 'Thrown value', position: { line: 1, column: 1 }, message: expect.stringMatching(/^null /) });
  });

  it('a rejected promise nobody awaits fails the run at the line that made it', async () => {
    const result = await run("const x = 1;\nPromise.reject(new Error('nobody awaits me'));\nconsole.log('after', x);");
    expect(result.error).toMatchObject({ phase: 'run', name: 'Error', message: 'nobody awaits me', position: { line: 2, column: 16 } });
  });

  it('an import of an unknown module is refused before running, at the module name', async () => {
    const result = await run("console.log('never printed');\nimport _ from 'lodash';");
    expect(result.error).toMatchObject({ phase: 'compile', name: 'ImportError', position: { line: 2, column: 15 } });
    expect(result.error?.message).toBe("Cannot import 'lodash' (line 2): only '@tensorflow/tfjs' and 'lab' are available here.");
    expect(result.runMs).toBe(0);
  });

  it('self.close() cannot end the sandbox: an error at its line', async () => {
    const result = await run("console.log('before');\nself.close();\nexport const answer = 42;", { checks: ANSWER_IS_42 });
    expect(result.error).toMatchObject({ phase: 'run', position: { line: 2, column: 6 }, message: expect.stringMatching(/^close\(\) is not available here/) });
    expect(result.checks).toBeUndefined();
  });

  it('fetch of an outside URL: an explained error, and the page is unharmed', async () => {
    const result = await run("const response = await fetch('https://example.com/data.json');\nconsole.log(response.status);");
    expect(result.error).toMatchObject({ phase: 'run', name: 'TypeError', position: { line: 1, column: 24 } });
    expect(result.error?.message).toMatch(/^Failed to fetch: the address could not be reached from the browser/);
    expectClean(runner, [/example\.com/]);
  });

  it('localStorage and document: "not available", with where the code runs and the line', async () => {
    const storage = await run("const key = 'k';\nlocalStorage.setItem(key, 'v');");
    expect(storage.error).toMatchObject({ name: 'ReferenceError', position: { line: 2, column: 1 } });
    expect(storage.error?.message).toBe('localStorage is not available: your code runs in a Web Worker, away from the page.');
    const page = await run('document.title = "mine";');
    expect(page.error).toMatchObject({ position: { line: 1, column: 1 }, message: 'document is not available: your code runs in a Web Worker, away from the page.' });
  });

  it('every layer frozen, the new head too: "Nothing can learn", at the line of the fit call', async () => {
    const result = await run(
      [
        "import * as tf from '@tensorflow/tfjs';",
        "const model = tf.sequential({ layers: [tf.layers.dense({ units: 4, inputShape: [3], name: 'base' }), tf.layers.dense({ units: 2, activation: 'softmax', name: 'new_head' })] });",
        'for (const layer of model.layers) layer.trainable = false;',
        "model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });",
        'async function trainAndScore(m: tf.LayersModel): Promise<void> {',
        "  await m.fit(tf.zeros([4, 3]), tf.oneHot(tf.tensor1d([0, 1, 0, 1], 'int32'), 2), { epochs: 1 });",
        '}',
        'await trainAndScore(model);',
      ].join('\n'),
      { timeLimitMs: 20_000 },
    );
    expect(result.error).toMatchObject({ phase: 'run', name: 'Error', file: 'code', position: { line: 6 } });
    expect(result.error?.message).toMatch(/^variableGrads\(\) expects at least one of the input variables to be trainable.*: Nothing can learn: every layer is frozen, the new head too\. Keep the new head trainable/);
  });
});

describe('learner code that asks for too much memory', () => {
  it('a tensor of 1e10 elements: a RangeError that says the shape is the problem', async () => {
    const result = await run("import * as tf from '@tensorflow/tfjs';\nexport const big = tf.zeros([1e10]);");
    expect(result.error).toMatchObject({ phase: 'run', name: 'RangeError', position: { line: 2 } });
    expect(result.error?.message).toMatch(/^Invalid typed array length: 10000000000: that is more numbers than a browser can hold at once/);
  });

  it('a tensor of 1e9 elements on the cpu backend: the run completes and the checks judge it', async () => {
    const checks = "import { defineChecks, expect } from 'grading';\nexport default defineChecks([{ title: 'small', test: ({ exports }) => expect((exports.big as { size: number }).size).toBe(1000, 'big.size') }]);";
    const result = await run("import * as tf from '@tensorflow/tfjs';\nexport const big = tf.zeros([1e9]);", { checks, backend: 'cpu', timeLimitMs: 20_000 });
    expect(result).toMatchObject({ status: 'ok', backend: 'cpu' });
    expect(result.checks).toEqual([expect.objectContaining({ status: 'fail', expected: '1000', actual: '1000000000' })]);
  });

  it('buffers allocated until none is left: an explained RangeError, not a dead tab', async () => {
    const result = await run('const kept: Float64Array[] = [];\nwhile (true) kept.push(new Float64Array(1e7));', { timeLimitMs: 30_000 });
    expect(result.error).toMatchObject({ phase: 'run', name: 'RangeError', position: { line: 2 } });
    expect(result.error?.message).toMatch(/^Array buffer allocation failed: the browser has no memory left for your data/);
  }, 60_000);
});

describe('learner code that tries to pass checks it does not pass', () => {
  const before = {
    'tf.Tensor.prototype.dataSync': "import * as tf from '@tensorflow/tfjs';\ntf.Tensor.prototype.dataSync = function () { return new Float32Array([7]); } as never;\n(tf.Tensor.prototype as any).data = async () => new Float32Array([7]);",
    'tf.engine().runKernel': "import * as tf from '@tensorflow/tfjs';\nconst e = tf.engine() as any;\nconst run = e.runKernel.bind(e);\ne.runKernel = (name: string, inputs: any, attrs: any) => (name === 'Sum' ? run('Add', { a: run('Sum', inputs, attrs), b: tf.scalar(1) }, {}) : run(name, inputs, attrs));",
    "the engine's class": "import * as tf from '@tensorflow/tfjs';\nconst P = Object.getPrototypeOf(tf.engine()) as any;\nconst run = P.runKernel;\nP.runKernel = function (this: unknown, name: string, inputs: any, attrs: any) { return name === 'Sum' ? run.call(this, 'Add', { a: run.call(this, 'Sum', inputs, attrs), b: tf.scalar(1) }, {}) : run.call(this, name, inputs, attrs); };",
    'tf.backend().readSync': "import * as tf from '@tensorflow/tfjs';\nconst b = tf.backend() as any;\nconst read = b.readSync.bind(b);\nb.readSync = (id: unknown) => { const v = read(id); return v.length === 1 && v[0] === 6 ? new Float32Array([7]) : v; };",
    'a Proxy for the backend': "import * as tf from '@tensorflow/tfjs';\nconst e = tf.engine() as any;\nconst real = e.backendInstance;\ne.backendInstance = new Proxy(real, { get(t, k) { const v = Reflect.get(t, k); if (k === 'readSync') return (id: unknown) => { const r = t.readSync(id); return r.length === 1 && r[0] === 6 ? new Float32Array([7]) : r; }; return typeof v === 'function' ? v.bind(t) : v; } });",
    'the kernel registry': "import * as tf from '@tensorflow/tfjs';\nconst name = tf.getBackend();\nconst sum = tf.getKernel('Sum', name)!;\nconst add = tf.getKernel('Add', name)!;\ntf.unregisterKernel('Sum', name);\ntf.registerKernel({ ...sum, kernelFunc: (args: any) => { const s = (sum.kernelFunc as any)(args); const one = args.backend.makeTensorInfo([], 'float32', new Float32Array([1])); return (add.kernelFunc as any)({ inputs: { a: s, b: one }, backend: args.backend, attrs: {} }); } });",
  };

  for (const [what, code] of Object.entries(before)) {
    it(`replacing ${what} before the checks changes nothing they see`, async () => {
      const result = await run(code, { checks: SUM_IS_SEVEN });
      expect(result.status).toBe('ok');
      expect(statuses(result)).toEqual(['fail', 'fail', 'fail']);
      expect(result.checks!.map((check) => check.actual ?? check.message)).toEqual(['6', '6', '6']);
    });
  }

  it('an interval or a message ping-pong left running cannot patch tf while the checks run', async () => {
    const patch = "tf.Tensor.prototype.dataSync = function () { return new Float32Array([7]); } as never; (tf.Tensor.prototype as any).data = async () => new Float32Array([7]);";
    for (const code of [
      `import * as tf from '@tensorflow/tfjs';\nsetInterval(() => { ${patch} }, 1);`,
      `import * as tf from '@tensorflow/tfjs';\nrequestAnimationFrame(function again() { ${patch} requestAnimationFrame(again); });`,
      `import * as tf from '@tensorflow/tfjs';\nconst channel = new MessageChannel();\nchannel.port1.onmessage = () => { ${patch} channel.port2.postMessage(0); };\nchannel.port2.postMessage(0);`,
    ]) {
      const result = await run(code, { checks: SUM_IS_SEVEN });
      expect(statuses(result)).toEqual(['fail', 'fail', 'fail']);
      // Stopped, not merely caught: the checks saw the true sum.
      expect(result.checks!.map((check) => check.actual)).toEqual(['6', '6', '6']);
    }
  });

  it('a loop woken by an API the fence does not cover is caught after the checks, or times out: never a pass', async () => {
    const result = await run(
      "import * as tf from '@tensorflow/tfjs';\n(async () => {\n  for (;;) {\n    await crypto.subtle.digest('SHA-256', new Uint8Array(1));\n    tf.Tensor.prototype.dataSync = function () { return new Float32Array([7]); } as never;\n  }\n})();",
      { checks: SUM_IS_SEVEN, timeLimitMs: 5000 },
    );
    expect(statuses(result)).not.toContain('pass');
    if (result.status === 'ok') expect(result.checks!.every((check) => /cannot be trusted|expected 7, got 6/.test(check.message ?? ''))).toBe(true);
    else expect(result.error?.phase).toBe('timeout');
  });

  it('replaced built-ins (every, then, call, apply, Object.is, JSON) do not turn a failing check into a pass', async () => {
    const result = await run(
      [
        'Array.prototype.every = () => true;',
        'Array.prototype.some = () => true;',
        'const then = Promise.prototype.then;',
        "Promise.prototype.then = function (this: Promise<unknown>, ok?: any, ko?: any) { return then.call(this, () => ok?.('pass'), ko); } as never;",
        'Function.prototype.call = function () { return true; };',
        'Function.prototype.apply = function () { return true; };',
        '(Object as any).is = () => true;',
        "JSON.stringify = () => '42';",
        'export const answer = 41;',
      ].join('\n'),
      { checks: ANSWER_IS_42 },
    );
    // Changed watched built-ins fail every check as untrusted, naming the first on the list
    // (src/grading/README.md); they are put back first, so the run itself still ends normally.
    expect(result.status).toBe('ok');
    expect(result.checks).toEqual([
      expect.objectContaining({ title: 'answer is 42', status: 'fail', message: untrusted('Object.is') }),
      expect.objectContaining({ title: 'answer is a number', status: 'fail', message: untrusted('Object.is') }),
    ]);
  });

  // One list of watched built-ins (src/sandbox/isolation/watched-builtins.ts): before it was one,
  // the worker quietly undid a patch to `every` and failed the checks for one to `exec`.
  for (const [builtin, patch] of [
    ['Array.prototype.every', 'Array.prototype.every = () => true;'],
    ['RegExp.prototype.exec', "RegExp.prototype.exec = () => ['match'] as never;"],
  ] as const) {
    it(`a patch to ${builtin} fails every check as untrusted, naming it`, async () => {
      const result = await run(`${patch}\nexport const answer = 42;`, { checks: ANSWER_IS_42 });
      expect(result.status).toBe('ok');
      expect(result.checks).toEqual([
        expect.objectContaining({ title: 'answer is 42', status: 'fail', message: untrusted(builtin) }),
        expect.objectContaining({ title: 'answer is a number', status: 'fail', message: untrusted(builtin) }),
      ]);
    });
  }
});

// ------------------------------------------------------------------ exercise blocks

const block = (page: Page, id: string): Locator => page.locator(`section[data-exercise="${id}"]`);

async function openLesson(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  watch(page);
  await page.goto(`${server.url}lessons/sandbox/`);
  await offlineSettled(page);
  return page;
}

async function ready(page: Page, id: string): Promise<Locator> {
  const section = block(page, id);
  await section.scrollIntoViewIfNeeded();
  await page.locator(`tl-exercise[data-island="ready"]:has(section[data-exercise="${id}"])`).waitFor({ timeout: 60_000 });
  return section;
}

/**
 * Starts recording how long the page's main thread was blocked: a
 * setInterval that should tick every 50 ms, and the longest gap between two
 * ticks. A frozen page would show a gap as long as the freeze.
 */
async function watchMainThread(page: Page): Promise<() => Promise<number>> {
  await page.evaluate(() => {
    const w = window as unknown as { longestGap: number; lastTick: number; gapTimer: number };
    w.longestGap = 0;
    w.lastTick = performance.now();
    w.gapTimer = window.setInterval(() => {
      const now = performance.now();
      w.longestGap = Math.max(w.longestGap, now - w.lastTick - 50);
      w.lastTick = now;
    }, 50);
  });
  return () => page.evaluate(() => Math.round((window as unknown as { longestGap: number }).longestGap));
}

/** Polls until `ready()` is true or the time is up (expect.poll cannot run in beforeAll); true when it got there. */
async function until(ready: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await ready().catch(() => false)) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

/** Clicks Stop and waits for the block to be idle again; returns how long that took. */
async function stopWithin(section: Locator, ms: number): Promise<number> {
  const started = Date.now();
  await section.getByRole('button', { name: 'Stop' }).click();
  await expect.poll(() => section.getAttribute('data-state'), { timeout: ms }).toBe('idle');
  return Date.now() - started;
}

function clean(page: Page): void {
  expectClean(page, [/\/favicon\.svg/, /^Failed to load resource: the server responded with a status of 404 \(Not Found\)$/]);
}

describe('exercise blocks under hostile code', () => {
  describe('ten million lines of output', () => {
    const seen = { state: '', gap: 0, lines: 0, log: '', check: '' };
    beforeAll(async () => {
      const page = await openLesson();
      try {
        const section = await ready(page, 'sandbox/flood');
        const longestGap = await watchMainThread(page);
        await section.getByRole('button', { name: 'Run', exact: true }).click();
        await until(async () => (await section.getAttribute('data-state')) !== 'running', 90_000);
        seen.gap = await longestGap();
        seen.state = (await section.getAttribute('data-state')) ?? '';
        seen.lines = await section.locator('.tl-line[data-level="log"]').count();
        seen.log = await section.getByRole('log').innerText();
        seen.check = await section.getByRole('list', { name: 'Checks' }).innerText();
        console.log(`10,000,000 console.log lines: longest main-thread stall ${seen.gap} ms`);
        clean(page);
      } finally {
        await page.context().close();
      }
    }, 180_000);

    it('ends "failed" with 2,000 lines shown, the rest counted, and the check saying why', () => {
      expect(seen.state).toBe('failed');
      expect(seen.lines).toBe(2000);
      expect(seen.log).toMatch(/9,?998,?001 more lines were not shown/);
      expect(seen.check).toMatch(/Prints at most ten lines[\s\S]*the number of lines printed: expected at most 10, got 2000/);
    });

    // output-log.ts appends lines once per frame and never measures per line.
    it('never stalls the page for a second or more', () => {
      expect(seen.gap).toBeLessThan(1000);
    });
  });

  describe('10,000 epochs', () => {
    const seen = { epochShown: '', stopMs: Number.POSITIVE_INFINITY, gap: 0, state: '', log: '' };
    beforeAll(async () => {
      const page = await openLesson();
      try {
        const section = await ready(page, 'sandbox/endless-fit');
        const longestGap = await watchMainThread(page);
        await section.getByRole('button', { name: 'Run', exact: true }).click();
        const caption = section.locator('figure.tl-fit figcaption');
        await until(async () => /Epoch \d+ of 10000/.test(await caption.innerText({ timeout: 1000 })), 60_000);
        seen.epochShown = await caption.innerText({ timeout: 5000 }).catch(() => '');
        // A learner watches for a while before deciding it takes too long.
        await new Promise((resolve) => setTimeout(resolve, 10_000));
        const started = Date.now();
        // A learner gives up on a Stop button that does nothing for 5 s.
        const clicked = await section.getByRole('button', { name: 'Stop' }).click({ timeout: 5000 }).then(() => true, () => false);
        if (clicked && (await until(async () => (await section.getAttribute('data-state', { timeout: 1000 })) === 'idle', 5000))) {
          seen.stopMs = Date.now() - started;
        }
        // A frozen page answers late or not at all: ask with time limits.
        seen.gap = await Promise.race([longestGap(), new Promise<number>((resolve) => setTimeout(resolve, 10_000, Number.POSITIVE_INFINITY))]);
        seen.state = (await section.getAttribute('data-state', { timeout: 5000 }).catch(() => null)) ?? '';
        seen.log = await section.getByRole('log').innerText({ timeout: 5000 }).catch(() => '');
        console.log(`10,000 epochs: training showed "${seen.epochShown}"; Stop -> idle in ${seen.stopMs} ms; longest main-thread stall ${seen.gap} ms`);
      } finally {
        await page.context().close();
      }
    }, 180_000);

    it('starts training and draws its progress', () => {
      expect(seen.epochShown).toMatch(/^Training call 1: Epoch \d+ of 10000/);
    });

    // training-chart.ts draws at most once per frame, without dots past 60 epochs.
    it('Stop gives the block back within a second, the page never stalled a second or more', () => {
      expect(seen.stopMs).toBeLessThan(1000);
      expect(seen.gap).toBeLessThan(1000);
      expect(seen.state).toBe('idle');
      expect(seen.log).toContain('Stopped.');
    });
  });

  it('a tensor of 1e9 elements on the default backend: the page stays responsive and Stop works during the allocation', async () => {
    const page = await openLesson();
    try {
      const section = await ready(page, 'sandbox/huge-tensor');
      const longestGap = await watchMainThread(page);
      await section.getByRole('button', { name: 'Run', exact: true }).click();
      await expect.poll(() => section.locator('[data-slot="status-time"]').innerText(), { timeout: 20_000 }).toMatch(/Running… [2-9]/);
      const stoppedIn = await stopWithin(section, 1000);
      const gap = await longestGap();
      console.log(`tf.zeros([1e9]) on wasm: Stop -> idle in ${stoppedIn} ms; longest main-thread stall ${gap} ms`);
      expect(gap).toBeLessThan(1000);
      await expect(section.getByRole('log').innerText()).resolves.toContain('Stopped.');
      clean(page);
    } finally {
      await page.context().close();
    }
  });

  it('self.close() in the editor: the block ends in "error", says why and marks the line', async () => {
    const page = await openLesson();
    try {
      const section = await ready(page, 'sandbox/answer');
      await pasteCode(page, section, "console.log('before');\nself.close();\nexport const answer = 42;");
      await section.getByRole('button', { name: 'Run', exact: true }).click();
      await expect.poll(() => section.getAttribute('data-state'), { timeout: 60_000 }).toBe('error');
      const text = await section.getByRole('log').innerText();
      expect(text).toContain('before');
      expect(text).toMatch(/line 2.*close\(\) is not available here: the sandbox ends by itself/s);
      await expect.poll(() => section.locator('.view-overlays .tl-error-line').count()).toBe(1);
      clean(page);
    } finally {
      await page.context().close();
    }
  });
});
