/**
 * Recognises TensorFlow.js tensors without importing tfjs (the grader must
 * load in plain Node and before the learner's backend is ready).
 *
 * A concrete tf.Tensor has own `dataId`, `shape` and `dtype`; a symbolic
 * tensor (a layer's input or output, e.g. `model.outputs[0]`) has own
 * `sourceLayer`, `shape` (which may hold `null` for the batch) and `dtype`.
 */
import { hasOwn, isArray } from './intrinsics.ts';

export type TensorKind = 'tensor' | 'symbolic';

export function tensorKind(value: unknown): TensorKind | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  try {
    if (!hasOwn(value, 'shape') || !hasOwn(value, 'dtype')) return undefined;
    const { shape, dtype } = value as { shape: unknown; dtype: unknown };
    if (!isArray(shape) || typeof dtype !== 'string') return undefined;
    if (hasOwn(value, 'sourceLayer')) return 'symbolic';
    if (hasOwn(value, 'dataId')) return 'tensor';
  } catch {
    // A Proxy whose traps throw is not a tensor.
  }
  return undefined;
}
