/**
 * MaxPoolGrad for the wasm backend, written in JavaScript over the backend's
 * own heap, replacing tfjs 4.22's native kernel.
 *
 * Why: the native kernel is slow. In a training step of the course
 * model (batch 16) it took 10 of about 50 ms, a fifth of the step, more than
 * any conv's weight gradient (measured with the bench's throughput probe,
 * `bench/probes/throughput.ts`, kernel profile). This version visits each
 * window once and sends its gradient to the window's first maximum. Measured
 * in Node 24 on wasm, 16x28x28x16 input, 2x2 pool: 2.1-2.8 ms against the
 * native 8.1-8.5 ms; in the browser's training-step profile, 2-3 ms for the
 * model's two pools against 10.
 *
 * Semantics are tfjs's cpu backend's (`maxPoolPositions`): within a window,
 * in row-major order over in-bounds cells, the first cell strictly greater
 * than all before it takes the gradient; a window with no such cell (all NaN
 * or -Infinity) passes none. Overlapping windows add up.
 */
import * as tf from '@tensorflow/tfjs';
import type { KernelFunc, MaxPoolGradAttrs, NamedTensorInfoMap, TensorInfo } from '@tensorflow/tfjs';

/** The two methods of tfjs-backend-wasm's BackendWasm this kernel needs. */
interface WasmHeapBackend {
  makeOutput(shape: number[], dtype: 'float32'): TensorInfo;
  typedArrayFromHeap(info: TensorInfo): Float32Array;
}

export const maxPoolGrad: KernelFunc = ({ inputs, attrs, backend }) => {
  const { filterSize, strides, pad, dimRoundingMode } = attrs as unknown as MaxPoolGradAttrs;
  const { dy, input } = inputs as NamedTensorInfoMap;
  if (dy == null || input == null) throw new Error("MaxPoolGrad on wasm (Transfer Lab kernel): missing 'dy' or 'input'");
  if (input.dtype !== 'float32' || dy.dtype !== 'float32') {
    throw new Error('MaxPoolGrad on wasm (Transfer Lab kernel): only float32 is supported');
  }
  const wasm = backend as unknown as WasmHeapBackend;
  const info = tf.backend_util.computePool2DInfo(
    input.shape as [number, number, number, number],
    filterSize,
    strides,
    1,
    pad,
    dimRoundingMode,
  );
  const dxInfo = wasm.makeOutput(input.shape, 'float32');
  // Views are taken after makeOutput: an allocation may grow (and replace) the heap's buffer.
  const x = wasm.typedArrayFromHeap(input);
  const g = wasm.typedArrayFromHeap(dy);
  const dx = wasm.typedArrayFromHeap(dxInfo);
  scatterToFirstMax(x, g, dx, info);
  return dxInfo;
};

function scatterToFirstMax(
  x: Float32Array,
  dy: Float32Array,
  dx: Float32Array,
  info: tf.backend_util.Conv2DInfo,
): void {
  const { batchSize, inHeight, inWidth, inChannels: channels, outHeight, outWidth } = info;
  const { strideHeight, strideWidth, effectiveFilterHeight, effectiveFilterWidth } = info;
  const padTop = info.padInfo.top;
  const padLeft = info.padInfo.left;
  dx.fill(0);
  // Per channel: the best value so far in the current window, and where it is in x.
  const best = new Float32Array(channels);
  const bestAt = new Int32Array(channels);
  const rowStride = inWidth * channels;
  const imageStride = inHeight * rowStride;
  let dyAt = 0;
  for (let b = 0; b < batchSize; b++) {
    const image = b * imageStride;
    for (let oh = 0; oh < outHeight; oh++) {
      const top = oh * strideHeight - padTop;
      const rowStart = Math.max(top, 0);
      const rowEnd = Math.min(top + effectiveFilterHeight, inHeight);
      for (let ow = 0; ow < outWidth; ow++) {
        const left = ow * strideWidth - padLeft;
        const colStart = Math.max(left, 0);
        const colEnd = Math.min(left + effectiveFilterWidth, inWidth);
        best.fill(Number.NEGATIVE_INFINITY);
        bestAt.fill(-1);
        for (let r = rowStart; r < rowEnd; r++) {
          for (let col = colStart; col < colEnd; col++) {
            const cell = image + r * rowStride + col * channels;
            for (let c = 0; c < channels; c++) {
              const value = x[cell + c]!;
              if (value > best[c]!) {
                best[c] = value;
                bestAt[c] = cell + c;
              }
            }
          }
        }
        for (let c = 0; c < channels; c++) {
          const at = bestAt[c]!;
          if (at >= 0) dx[at] = dx[at]! + dy[dyAt + c]!;
        }
        dyAt += channels;
      }
    }
  }
}
