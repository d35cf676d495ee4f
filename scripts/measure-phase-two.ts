/**
 * What phase 2 of lesson 4 adds: the lesson's starter (phase 1 only: the new head on a frozen
 * base) against its solution (phase 1, then conv3 + conv4 fine-tuned at a 10x lower learning
 * rate), each run N times through the same in-process runner the lesson tests use (wasm, Node),
 * reading the test accuracy the code prints. Training shuffles, so runs differ: it prints each
 * run, the mean and the range.
 *
 *   npx node scripts/measure-phase-two.ts [runs=5]
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import * as lab from '../src/lab/index.ts';
import * as grading from '../src/grading/index.ts';
import { createInProcessRunner } from '../src/sandbox/in-process/in-process-runner.ts';
import { fileFetch } from '../src/lab/node-fetch.ts';
import { useWasmBackend } from './ml/wasm-node.ts';

const runs = Number(process.argv[2] ?? 5);
const lesson = resolve(import.meta.dirname, '../lessons/04-fine-tune-the-model');
const assetBase = pathToFileURL(resolve(import.meta.dirname, '../public') + '/').href;
await useWasmBackend();
const runner = createInProcessRunner({ tf, lab, grading, fetch: fileFetch as typeof fetch });

const found: Record<string, number[]> = { starter: [], solution: [] };
for (let i = 0; i < runs; i++) {
  for (const kind of ['starter', 'solution'] as const) {
    const lines: string[] = [];
    const result = await runner.run(
      { exercise: 'fine-tune-the-model/fine-tune', code: readFileSync(resolve(lesson, `${kind}.ts`), 'utf8'), backend: 'wasm', timeLimitMs: 300_000, assetBase },
      { onEvent: (event) => { if (event.type === 'log') lines.push(event.text); } },
    );
    if (result.status !== 'ok') throw new Error(`${kind}: ${result.error?.message}`);
    const match = /Test accuracy on the new task: ([\d.]+)%/.exec(lines.join('\n'));
    if (!match) throw new Error(`${kind} printed no test accuracy:\n${lines.join('\n')}`);
    found[kind]!.push(Number(match[1]));
    console.log(`run ${i + 1} ${kind}: ${match[1]}%`);
  }
}
for (const [kind, values] of Object.entries(found)) {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  console.log(`${kind}: mean ${mean.toFixed(1)}%, range ${Math.min(...values).toFixed(1)}-${Math.max(...values).toFixed(1)}% over ${values.length} runs`);
}
