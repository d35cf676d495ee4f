import * as tf from '@tensorflow/tfjs';
import * as grading from 'grading';
import { createInProcessRunner } from '../../../src/sandbox/in-process/in-process-runner.ts';
import type { RunRequest, RunResult } from '../../../src/sandbox/protocol.ts';
import type { RunEvent } from '../../../src/sandbox/page/runner.ts';

/** A stand-in `lab` module: the runtime only needs something importable and configurable. */
export const fakeLab = {
  configured: [] as string[],
  configureLab(options: { assetBase: string }) {
    fakeLab.configured.push(options.assetBase);
  },
  greet: (name: string) => `hello ${name}`,
};

export const runner = createInProcessRunner({ tf, lab: fakeLab, grading });

export interface Run {
  result: RunResult;
  events: RunEvent[];
  logs: string[];
}

export async function run(code: string, extra: Partial<Omit<RunRequest, 'id'>> = {}): Promise<Run> {
  const events: RunEvent[] = [];
  const result = await runner.run(
    { exercise: 'test/runtime', code, backend: 'cpu', timeLimitMs: 20_000, assetBase: '/assets/', ...extra },
    { onEvent: (event) => events.push(event) },
  );
  const logs = events.flatMap((e) => (e.type === 'log' ? [e.text] : []));
  return { result, events, logs };
}

export { tf };
