/**
 * Threaded wasm (issue 16): the same probes and exercises on wasm with one
 * thread and with the machine's threads, in the same run, interleaved; and
 * PyTorch on 1 thread and on 2, for the ratios.
 *
 * One thread: the site as a plain static host serves it (not cross-origin
 * isolated: SIMD, single-threaded). Threads: the same build served with
 * COOP/COEP headers, i.e. what the course's service worker gives every page
 * after the first visit (the runner page does not register the worker
 * itself, so the bench isolates it with the headers instead).
 */
import { startStaticServer } from '../../scripts/static-server.ts';
import type { BenchContext } from '../lib/context.ts';
import { rounded, summarize, type Summary } from '../lib/stats.ts';
import { benchExercises, type ExerciseCell } from './exercises.ts';
import { benchThroughput } from './probes.ts';
import { benchPyTorch } from './references.ts';

/** PyTorch's thread counts, for the ratios (torch.set_num_threads). */
const PYTORCH_THREADS = [1, 2];

/** The exercises timed both ways: the fine-tunes and the comparison (the ones that train for seconds). */
export const THREAD_EXERCISE_LESSONS = ['fine-tune-the-model', 'transfer-learning-in-action', 'why-it-works-less-data'];

export interface ThreadVariant {
  label: string;
  threads: number;
  trainMsPerSample?: Summary;
  inferMsPerSample?: Summary;
  exercises: { exercise: string; wallMs?: Summary; checks: string[]; problems: string[] }[];
  problems: string[];
}

export interface ThreadsResult {
  variants: ThreadVariant[];
  pytorch: { threads: number; trainMsPerSample?: Summary; note?: string }[];
}

export async function benchThreads(ctx: BenchContext, runs: number): Promise<ThreadsResult> {
  const isolated = await startStaticServer({
    dir: ctx.distDir,
    base: ctx.base,
    headers: { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'credentialless' },
  });
  const plainCtx: BenchContext = { ...ctx, backends: ['wasm'], runs: 1 };
  const isoCtx: BenchContext = { ...plainCtx, siteUrl: isolated.url };
  const only = ctx.exercises.filter((e) => THREAD_EXERCISE_LESSONS.includes(e.lesson)).map((e) => e.id);
  const raw = [plainCtx, isoCtx].map(() => ({ train: [] as number[], infer: [] as number[], threads: 1, cells: [] as ExerciseCell[][], problems: [] as string[] }));
  const torch = PYTORCH_THREADS.map((threads) => ({ threads, train: [] as number[], notes: [] as string[], reported: undefined as number | undefined }));
  try {
    // Interleaved: one repetition of each variant in turn, PyTorch's included, so a busy (or a
    // quiet) moment of the machine hits all of them: the machine's speed drifts by up to 2x over
    // minutes (PyTorch on 1 thread measured 0.46 and 0.73 ms/sample ten minutes apart).
    for (let i = 0; i < runs; i++) {
      for (const entry of torch) {
        const out = benchPyTorch(ctx, undefined, undefined, 1, entry.threads);
        if (out.throughput) entry.train.push(out.throughput.trainMsPerSample.median);
        if (out.note) entry.notes.push(out.note);
        entry.reported ??= out.threads; // torch.get_num_threads(), what PyTorch actually ran
      }
      for (const [v, variantCtx] of [plainCtx, isoCtx].entries()) {
        const [probe] = await benchThroughput(variantCtx, 1);
        if (probe?.trainMsPerSample) raw[v]!.train.push(probe.trainMsPerSample.median);
        if (probe?.inferMsPerSample) raw[v]!.infer.push(probe.inferMsPerSample.median);
        raw[v]!.problems.push(...(probe?.problems ?? []));
        raw[v]!.cells.push(await benchExercises(variantCtx, { cellBudgetMs: 600_000, maxRunMs: 120_000, only }));
        ctx.log(`  ${v === 0 ? '1 thread' : 'threads'}: train ${probe?.trainMsPerSample?.median ?? '?'} ms/sample`);
      }
    }
    raw[1]!.threads = await threadsOf(isoCtx);
  } finally {
    await isolated.close();
  }
  const variants = raw.map((r, v): ThreadVariant => ({
    label: v === 0 ? 'wasm, not isolated (1 thread)' : `wasm, isolated (${r.threads} threads)`,
    threads: r.threads,
    ...(r.train.length ? { trainMsPerSample: rounded(summarize(r.train)) } : {}),
    ...(r.infer.length ? { inferMsPerSample: rounded(summarize(r.infer)) } : {}),
    exercises: only.map((id) => {
      const cells = r.cells.flatMap((list) => list.filter((c) => c.exercise === id && c.runs > 0));
      return {
        exercise: id,
        ...(cells.length ? { wallMs: rounded(summarize(cells.map((c) => c.phases.wall.median))) } : {}),
        checks: cells.flatMap((c) => c.checks),
        problems: [...new Set(r.cells.flatMap((list) => list.filter((c) => c.exercise === id).flatMap((c) => c.problems)))],
      };
    }),
    problems: [...new Set(r.problems)],
  }));
  const pytorch = torch.map(({ threads, train, notes, reported }) => ({
    threads: reported ?? threads,
    ...(train.length ? { trainMsPerSample: rounded(summarize(train)) } : {}),
    ...(notes.length ? { note: [...new Set(notes)].join('; ') } : {}),
  }));
  return { variants, pytorch };
}

/** The thread count the sandbox reports on this server (its backend note, "SIMD · 2 threads"). */
async function threadsOf(ctx: BenchContext): Promise<number> {
  const { RunnerPage } = await import('../lib/runner-page.ts');
  const page = await RunnerPage.open(ctx.browser, ctx.siteUrl);
  try {
    await page.waitForWarmWorker();
    const { events } = await page.run({ exercise: 'bench/threads', code: 'export {};', backend: 'wasm', timeLimitMs: 60_000 });
    const note = events.map((e) => (e as { type?: string; note?: string }).type === 'backend' ? (e as { note?: string }).note ?? '' : '').join(' ');
    return Number(/(\d+) threads?/.exec(note)?.[1] ?? 1);
  } finally {
    await page.close();
  }
}

/** The Markdown table of this section. */
export function threadsTable(result: ThreadsResult): string[] {
  const ms = (s?: Summary) => (s ? `${s.median}${s.n > 1 ? ` [${s.min}-${s.max}]` : ''}` : 'n/a');
  const one = result.variants[0]?.trainMsPerSample?.median;
  const lines = [
    '### Threads (wasm 1 thread vs isolated, interleaved; PyTorch 1 and 2 threads)',
    '',
    '| variant | train ms/sample | speed-up vs 1 thread | ' + (result.variants[0]?.exercises.map((e) => `${e.exercise} (s)`).join(' | ') ?? '') + ' |',
    '| --- | --- | --- | ' + (result.variants[0]?.exercises.map(() => '---').join(' | ') ?? '') + ' |',
  ];
  for (const v of result.variants) {
    const speed = one && v.trainMsPerSample ? `${(one / v.trainMsPerSample.median).toFixed(2)}x` : 'n/a';
    const walls = v.exercises.map((e) => (e.wallMs ? `${(e.wallMs.median / 1000).toFixed(2)}${e.problems.length ? ' (!)' : ''}` : 'n/a'));
    lines.push(`| ${v.label} | ${ms(v.trainMsPerSample)} | ${speed} | ${walls.join(' | ')} |`);
  }
  for (const p of result.pytorch) lines.push(`| PyTorch CPU, ${p.threads} thread${p.threads === 1 ? '' : 's'} | ${p.note ? p.note : ms(p.trainMsPerSample)} | | ${result.variants[0]?.exercises.map(() => '').join(' | ') ?? ''} |`);
  const best = result.variants.at(-1)?.trainMsPerSample?.median;
  for (const p of result.pytorch) {
    if (best && p.trainMsPerSample) lines.push('', `Threaded wasm / PyTorch ${p.threads} thread(s): ${(best / p.trainMsPerSample.median).toFixed(2)}x`);
  }
  return lines;
}
