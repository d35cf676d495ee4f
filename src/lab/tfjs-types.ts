/**
 * One typing fix for TensorFlow.js, so the code the lessons teach is green
 * in the editor without casts.
 *
 * `layer.apply(x)` returns symbolic tensors when `x` is symbolic (that is how
 * a layer joins a graph: `newHead.apply(base.getLayer('dense').output)`), but
 * tfjs 4.22 declares one signature for every input, returning
 * `Tensor | Tensor[] | SymbolicTensor | SymbolicTensor[]`, which
 * `tf.model({ outputs })` then refuses. This adds the overload tfjs's runtime
 * already honours: symbolic in, symbolic out. Concrete tensors still get the
 * original signature.
 *
 * Type-only (the module is empty at run time). The editor gets it with the
 * rest of lab's source (src/editor/declarations/), `npm run check` through
 * the project's include.
 */
import type { Kwargs } from '@tensorflow/tfjs-layers/dist/types';

declare module '@tensorflow/tfjs-layers/dist/engine/topology' {
  interface Layer {
    apply(inputs: SymbolicTensor | SymbolicTensor[], kwargs?: Kwargs): SymbolicTensor | SymbolicTensor[];
  }
}

export {};
