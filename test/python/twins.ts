/**
 * Each exercise's solution run in headless Chromium on a built site (TF.js, as a learner's
 * browser runs it) and its PyTorch twin run in full with Debian's /usr/bin/python3: the figures
 * each prints and PyTorch's wall time. Used by test/e2e/pytorch.test.ts (within 5 points) and
 * by measure_twins.ts (the table for the closing note).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { openBrowserSession } from '../../scripts/lib/browser-session.ts';
import { loadCourseConfig } from '../../src/course/load-config.ts';

export interface TwinFigure {
  exercise: string;
  script: string;
  /** What the figure is ("Test accuracy", "From scratch", ...). */
  figure: string;
  /** Percent printed by the browser run and by the PyTorch script (undefined if not printed). */
  tfjs?: number;
  pytorch?: number;
  tfjsBackend: string;
  tfjsSeconds: number;
  pytorchSeconds: number;
}

export const TWINS = [
  { lesson: '02-load-a-pretrained-model', exercise: 'load-a-pretrained-model/load-and-predict', script: '02_load_and_predict.py', figures: [/(Predicted):\s*\[([^\]]*)\]/] },
  { lesson: '04-fine-tune-the-model', exercise: 'fine-tune-the-model/fine-tune', script: '04_fine_tune.py', figures: [/(Test accuracy) on the new task: ([\d.]+)%/] },
  { lesson: '05-transfer-learning-in-action', exercise: 'transfer-learning-in-action/end-to-end', script: '05_end_to_end.py', figures: [/(Test accuracy): ([\d.]+)%/] },
  { lesson: '06-why-it-works-less-data', exercise: 'why-it-works-less-data/compare', script: '06_compare.py', figures: [/(From scratch): ([\d.]+)%/, /(Transfer): +([\d.]+)%/] },
  { lesson: '07-your-own-data', exercise: 'your-own-data/own-data', script: '07_own_data.py', figures: [/(Held-out accuracy): ([\d.]+)%/], drawings: true },
];

/** Predicted class names as one comparable string (console.log of an array and Python's print differ in punctuation). */
const names = (text: string): string => (text.match(/[A-Za-z][A-Za-z /-]*[A-Za-z]/g) ?? []).join(',');

export async function measureTwins(options: { dist: string; threads: number }): Promise<{ rows: TwinFigure[]; samePredictions: boolean[] }> {
  const session = await openBrowserSession({ dist: options.dist, base: (await loadCourseConfig()).base });
  const rows: TwinFigure[] = [];
  const samePredictions: boolean[] = [];
  try {
    for (const twin of TWINS) {
      const runner = await session.newRunner();
      if (twin.drawings) await runner.useSampleDrawings();
      const code = readFileSync(`lessons/${twin.lesson}/solution.ts`, 'utf8');
      const result = await runner.run({ exercise: twin.exercise, code, backend: 'auto', timeLimitMs: 300_000 });
      const events = (await runner.page.evaluate(() => (window as unknown as { transferLab: { events: unknown[] } }).transferLab.events)) as { type: string; text?: string }[];
      await runner.close();
      if (result.status !== 'ok') throw new Error(`${twin.exercise} failed in the browser: ${result.error?.message}`);
      const browserOut = events.filter((e) => e.type === 'log').map((e) => e.text ?? '').join('\n');

      const started = performance.now();
      const py = spawnSync('/usr/bin/python3', [`pytorch/${twin.script}`, '--save', '.tmp/twins-own-model.pt'], {
        encoding: 'utf8',
        env: { ...process.env, OMP_NUM_THREADS: String(options.threads), MKL_NUM_THREADS: String(options.threads) },
        timeout: 600_000,
      });
      const pytorchSeconds = (performance.now() - started) / 1000;
      if (py.status !== 0) throw new Error(`pytorch/${twin.script} failed:\n${py.stderr}`);
      for (const figure of twin.figures) {
        const inBrowser = figure.exec(browserOut);
        const inPython = figure.exec(py.stdout);
        if (twin.script.startsWith('02')) {
          samePredictions.push(inBrowser !== null && inPython !== null && names(inBrowser[2]!) === names(inPython[2]!));
          continue;
        }
        rows.push({
          exercise: twin.exercise,
          script: twin.script,
          figure: (inBrowser ?? inPython)?.[1] ?? figure.source,
          ...(inBrowser ? { tfjs: Number(inBrowser[2]) } : {}),
          ...(inPython ? { pytorch: Number(inPython[2]) } : {}),
          tfjsBackend: result.backend,
          tfjsSeconds: result.runMs / 1000,
          pytorchSeconds,
        });
      }
    }
  } finally {
    await session.close();
  }
  return { rows, samePredictions };
}
