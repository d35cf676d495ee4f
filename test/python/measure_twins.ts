/**
 * The closing table of the PyTorch twins (see twins.ts): TF.js in headless Chromium against
 * the full PyTorch scripts.
 *
 *   npm run build && npx node test/python/measure_twins.ts [--dist dist] [--threads 1]
 */
import { parseArgs } from 'node:util';
import { measureTwins } from './twins.ts';

const { values } = parseArgs({ options: { dist: { type: 'string', default: 'dist' }, threads: { type: 'string', default: '1' } } });
const { rows, samePredictions } = await measureTwins({ dist: values.dist!, threads: Number(values.threads) });
console.log(`PyTorch ${values.threads} thread(s) (OMP_NUM_THREADS); TF.js: each exercise's solution in headless Chromium on ${values.dist}/.`);
console.log(`load-and-predict: the same 10 predicted classes in both: ${samePredictions.every(Boolean)}\n`);
console.log('| exercise | figure | TF.js (browser) | PyTorch | difference (points) | PyTorch wall time | command |');
console.log('| --- | --- | --- | --- | --- | --- | --- |');
for (const r of rows) {
  const diff = r.tfjs !== undefined && r.pytorch !== undefined ? (r.pytorch - r.tfjs).toFixed(1) : '?';
  console.log(`| ${r.exercise} | ${r.figure} | ${r.tfjs}% (${r.tfjsBackend}, ${r.tfjsSeconds.toFixed(1)} s) | ${r.pytorch}% | ${diff} | ${r.pytorchSeconds.toFixed(1)} s | \`/usr/bin/python3 pytorch/${r.script}\` |`);
}
