/** A CheckContext for tests: the learner's run as the runtime would describe it. */
import * as tf from '@tensorflow/tfjs';
import type { CheckContext } from 'grading';

export function fakeContext(overrides: Partial<CheckContext> = {}): CheckContext {
  return {
    exports: {},
    fits: [],
    logs: [],
    source: '',
    runMs: 0,
    tensors: { before: 0, after: 0 },
    tf,
    lab: undefined,
    shown: [],
    ...overrides,
  };
}
