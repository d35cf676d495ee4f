/**
 * results.json as Markdown tables: printed at the end of `npm run bench`
 * and pasted into reports. Numbers are medians with [min-max] where repeated.
 */
import type { BenchResults } from './results.ts';
import type { Summary } from './stats.ts';
import { threadsTable } from '../sections/threads.ts';

function table(head: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

/** "1234 [1100-1400]" for a repeated measure, "1234" for one, "–" for none. */
export function ms(summary: Summary | undefined, digits = 0): string {
  if (!summary || summary.n === 0) return '–';
  const f = (v: number) => v.toFixed(digits);
  return summary.n === 1 ? f(summary.median) : `${f(summary.median)} [${f(summary.min)}-${f(summary.max)}]`;
}

const kb = (bytes: number | undefined) => (bytes === undefined ? '–' : (bytes / 1024).toFixed(1));

export function markdownReport(results: BenchResults): string {
  const out: string[] = [];
  const m = results.machine;
  out.push(
    `## Transfer Lab benchmark (${results.mode}, ${results.date})`,
    '',
    `${m.cores} cores (${m.cpuModel}), ${m.browser}, WebGL: ${m.webglRenderer ?? 'unknown'}, Node ${m.node}, tfjs ${m.tfjs}, commit ${m.commit}. ` +
      `Load average ${m.loadAverageStart} at start, ${m.loadAverageEnd ?? '?'} at end.`,
  );
  if (m.loadAverageStart > m.cores) out.push('', `**The machine was busy (load average above ${m.cores}): absolute times are inflated.**`);

  if (results.threads) out.push('', ...threadsTable(results.threads));

  if (results.exercises?.length) {
    out.push('', '### Run to graded result (reference solutions, ms, median [min-max])', '');
    out.push(
      table(
        ['exercise', 'backend', 'runs', 'wall', 'load', 'setup', 'warm-up', 'train', 'after', 'checks', 'overhead', 'checks passed', 'train ms/sample'],
        results.exercises.map((c) => [
          c.exercise,
          c.backend,
          c.runs,
          ms(c.phases.wall),
          ms(c.phases.load),
          ms(c.phases.setup),
          ms(c.phases.warmup),
          ms(c.phases.train),
          ms(c.phases.after),
          ms(c.phases.checks),
          ms(c.phases.overhead),
          c.problems.length ? `${[...new Set(c.checks)].join(', ') || '–'} ⚠ ${c.problems.join('; ').slice(0, 160)}` : [...new Set(c.checks)].join(', '),
          ms(c.trainMsPerSample, 2),
        ]),
      ),
    );
  }

  if (results.throughput?.length || results.node?.length || results.pytorch?.throughput) {
    out.push('', '### Training and inference speed, course model (ms per sample, median [min-max])', '');
    const torch = results.pytorch?.throughput?.trainMsPerSample.median;
    const rows: (string | number)[][] = [];
    for (const t of results.throughput ?? []) {
      rows.push([`browser ${t.backend}`, ms(t.trainMsPerSample, 2), ms(t.inferMsPerSample, 3), torch && t.trainMsPerSample ? `${(t.trainMsPerSample.median / torch).toFixed(1)}x` : '–', t.problems.join('; ') || '']);
    }
    for (const n of results.node ?? []) {
      rows.push([`Node ${n.backend}`, ms(n.throughput?.trainMsPerSample, 2), ms(n.throughput?.inferMsPerSample, 3), torch && n.throughput ? `${(n.throughput.trainMsPerSample.median / torch).toFixed(1)}x` : '–', n.problems.join('; ')]);
    }
    if (results.pytorch?.throughput) {
      rows.push([`PyTorch ${results.pytorch.torchVersion} CPU (${results.pytorch.threads} thread${results.pytorch.threads === 1 ? '' : 's'})`, ms(results.pytorch.throughput.trainMsPerSample, 2), ms(results.pytorch.throughput.inferMsPerSample, 3), '1.0x', '']);
    } else if (results.pytorch?.note) rows.push(['PyTorch', '–', '–', '–', results.pytorch.note]);
    out.push(table(['where', 'train (all layers, batch 16)', 'infer (batch 256)', 'train vs PyTorch', 'notes'], rows));
    const wasm = results.throughput?.find((t) => t.backend === 'wasm' && t.kernels?.length);
    if (wasm?.kernels) {
      out.push('', `One profiled training step on browser wasm (batch 16; each kernel synced, so slower than a real step): ${wasm.kernels.slice(0, 6).map((k) => `${k.name} ${k.ms.toFixed(1)} ms (${k.calls}x)`).join(', ')}.`);
      if (wasm.gradientKernels?.length) out.push(`Gradient kernels used on wasm: ${wasm.gradientKernels.map((g) => `${g.name}${g.registered ? '' : ' (MISSING)'}`).join(', ')}.`);
      if (wasm.convKernels?.length) {
        out.push('', `Conv kernels on browser wasm at batch ${String(wasm.params?.batchSize ?? '?')} (ms; gradients as a multiple of the forward conv):`, '');
        out.push(
          table(
            ['layer', 'forward', 'filter gradient', 'input gradient'],
            wasm.convKernels.map((k) => [k.layer, k.forwardMs.toFixed(2), `${k.filterGradMs.toFixed(2)} (${(k.filterGradMs / k.forwardMs).toFixed(1)}x)`, `${k.inputGradMs.toFixed(2)} (${(k.inputGradMs / k.forwardMs).toFixed(1)}x)`]),
          ),
        );
      }
    }
  }

  if (results.transfer?.length) {
    out.push('', '### Frozen base: recompute the base every epoch vs embeddings once (ms, median [min-max])', '');
    const rows = results.transfer.map((t) => [`browser ${t.backend}`, ms(t.recomputeMs), ms(t.cachedMs), ms(t.embedMs), t.speedup ? `${t.speedup.median.toFixed(1)}x` : '–', t.maxWeightDifference?.toExponential(1) ?? '–', t.problems.join('; ')]);
    for (const n of results.node ?? []) {
      const t = n.transfer;
      if (t?.recomputeMs) rows.push([`Node ${n.backend}`, ms(t.recomputeMs), ms(t.cachedMs), ms(t.embedMs), `${t.speedup!.median.toFixed(1)}x`, t.maxWeightDifference?.toExponential(1) ?? '–', '']);
    }
    const pt = results.pytorch?.transfer;
    if (pt) rows.push(['PyTorch CPU', ms(pt.recomputeMs), ms(pt.cachedMs), '–', `${pt.speedup.median.toFixed(1)}x`, '–', '']);
    const p = results.transfer.find((t) => t.params)?.params;
    out.push(table(['where', 'recompute', 'embeddings once', 'of which embedding', 'speed-up', 'max weight diff', 'notes'], rows));
    if (p) out.push('', `Work: ${Number(p.perClass) * 5} images, ${p.epochs} epochs, batch ${p.batchSize}, new 5-class head on '${String(p.cutAt)}', SGD momentum 0.01/0.9, no shuffling (so both paths must give the same weights).`);
  }

  const exerciseRefs = [...(results.node ?? []).filter((n) => n.exercise).map((n) => [`Node ${n.backend}`, n.exercise!.id, ms(n.exercise!.phases.wall), ms(n.exercise!.phases.train), ms(n.exercise!.trainMsPerSample, 2), n.exercise!.checks.join(', ')])];
  const pe = results.pytorch?.exercise;
  if (pe) exerciseRefs.push(['PyTorch CPU', pe.id, ms(pe.totalMs), ms(pe.fitMs), ms(pe.trainMsPerSample, 2), `test accuracy ${pe.testAccuracy.join(', ')}`]);
  if (exerciseRefs.length) {
    out.push('', '### The slowest fine-tune exercise outside the browser, same fits (ms)', '');
    out.push(table(['where', 'exercise', 'total (code + checks; PyTorch: code only)', 'fits', 'train ms/sample', 'checks / accuracy'], exerciseRefs));
  }

  if (results.pages?.lessons.length) {
    out.push('', '### Lesson pages before any interaction (fresh cache, 1280x720; KB: gzip / raw)', '');
    out.push(
      table(
        ['page', 'JS', 'CSS (render-blocking)', 'all', 'first contentful paint', 'dialogue without JS', 'block started by itself'],
        results.pages.lessons.map((l) => [
          l.path,
          `${kb(l.beforeInteraction.js?.gzip ?? 0)} / ${kb(l.beforeInteraction.js?.raw ?? 0)}`,
          `${kb(l.renderBlocking.cssBytes.gzip)} / ${kb(l.renderBlocking.cssBytes.raw)} (${l.renderBlocking.stylesheets} files)`,
          `${kb(l.beforeInteraction.total.gzip)} / ${kb(l.beforeInteraction.total.raw)}`,
          `${l.firstContentfulPaintMs} ms (no JS: ${l.noJs.firstContentfulPaintMs} ms)`,
          l.noJs.dialogueLines ? `${l.noJs.firstLineVisible ? 'visible' : 'NOT visible'} (${l.noJs.dialogueLines} lines)` : 'no dialogue',
          l.hasExercise ? (l.islandStartedWithoutInteraction ? 'yes' : 'no') : '–',
        ]),
      ),
    );
  }
  if (results.pages?.editorReady.length) {
    out.push('', '### Editor ready (click on the code -> a typed key shows in Monaco; fresh cache)', '');
    out.push(
      table(
        ['page', 'trials', 'click -> ready (ms)', 'navigation -> ready (ms)', 'JS gz until ready (KB)', 'JS gz until quiet (KB)', 'JS after ready'],
        results.pages.editorReady.map((e) => [
          e.path,
          e.trials,
          ms(e.clickToReadyMs),
          ms(e.navigationToReadyMs),
          kb(e.jsGzipUntilReady?.median),
          kb(e.first?.untilQuiet.js?.gzip),
          e.problems.length ? `⚠ ${e.problems.join('; ')}` : (e.first?.afterReady ?? []).map((a) => `${a.url.split('/').pop()} ${kb(a.gzip)}`).join(', '),
        ]),
      ),
    );
  }

  const mem = results.memory;
  if (mem?.samples.length) {
    const first = mem.samples[0]!;
    const last = mem.samples.at(-1)!;
    const mbs = (b: number | undefined) => (b === undefined ? '–' : (b / 1e6).toFixed(1));
    out.push('', `### Memory: ${mem.runs} runs of ${mem.exercise} on ${mem.backend}`, '');
    out.push(
      table(
        ['run', 'tensors before -> after', 'tf bytes (MB)', 'wasm heap (MB)', 'worker JS heap (MB)', 'page JS heap (MB)', 'live workers'],
        [first, last].map((s) => [s.run, `${s.tensorsBefore} -> ${s.tensorsAfter}`, mbs(s.tfBytes), mbs(s.wasmHeapBytes), mbs(s.workerHeapBytes), mbs(s.pageHeapBytes), s.liveWorkers]),
      ),
    );
    out.push('', `Growth from run 1 to run ${last.run}: tensors ${mem.growth.tensorsAfter}, worker heap ${mbs(mem.growth.workerHeapBytes)} MB, page heap ${mbs(mem.growth.pageHeapBytes)} MB, workers ${mem.growth.liveWorkers}.`);
  }

  if (results.targets?.length) {
    out.push('', '### Targets', '');
    out.push(table(['target', 'limit', 'measured', 'verdict'], results.targets.map((t) => [t.target, t.limit, t.measured, `${t.met === null ? 'not measured' : t.met ? 'met' : 'MISSED'}${t.note ? `: ${t.note}` : ''}`])));
  }
  const skipped = Object.entries(results.skipped);
  if (skipped.length) out.push('', `Skipped: ${skipped.map(([k, v]) => `${k} (${v})`).join('; ')}.`);
  out.push('', `Section times (s): ${Object.entries(results.sectionSeconds).map(([k, v]) => `${k} ${v}`).join(', ')}.`);
  return out.join('\n');
}
