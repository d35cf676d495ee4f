/**
 * Gradient kernels that TensorFlow.js 4.22's wasm backend lacks, so that a
 * convnet can be *trained* (not only run) on wasm, the fastest backend on a
 * CPU-only machine.
 *
 * The wasm backend ships `Conv2D`, `Conv2DBackpropInput`, `DepthwiseConv2dNative`
 * and `MaxPoolGrad`, but not `Conv2DBackpropFilter` (the weight gradient of
 * every conv layer) nor the two depthwise backprop kernels (MobileNet's
 * weight and input gradients). Each missing kernel is registered here for the
 * wasm backend only, written with forward ops the backend does have:
 *
 * - Conv2DBackpropFilter: the filter gradient is itself a convolution in which
 *   the batch plays the role of the channels:
 *   dW = transpose(conv2d(transpose(x, [3,1,2,0]), transpose(dy, [1,2,0,3]),
 *        stride 1, dilation = forward stride), [1,2,0,3]),
 *   with x padded (by the conv itself) as the forward pass padded it, cropped
 *   to the filter size.
 * - DepthwiseConv2dNativeBackpropFilter: the same idea with a depthwise conv,
 *   batch folded into the channels, then summed over the batch.
 * - Conv2DBackpropInput (native, but 12x slower than a forward conv, so
 *   replaced): the input gradient is a forward conv of dy, spread out by the
 *   stride and padded, with the filter flipped and its in/out axes swapped.
 * - DepthwiseConv2dNativeBackpropInput: a depthwise conv is a regular conv with
 *   a block-diagonal filter, so its input gradient is the native
 *   Conv2DBackpropInput of that filter (C times more arithmetic; correct for
 *   every stride and padding, and only paid when depthwise layers are unfrozen).
 * - MaxPoolGrad (native, but a fifth of a training step): a JavaScript loop
 *   over the backend's heap, in wasm-max-pool-grad.ts.
 *
 * Kernels are registered rather than gradients overridden because the layers
 * API trains through `tf.fused.conv2d`, whose gradient calls the
 * `Conv2DBackpropFilter` kernel directly and would bypass an op-level override.
 *
 * Registration is global and backend-specific: the cpu and webgl backends keep
 * their own kernels. Call `registerWasmGradients()` once, before training on
 * wasm (e.g. right after `tf.setBackend('wasm')`); later calls do nothing.
 */
import * as tf from '@tensorflow/tfjs';
import type {
  Conv2DBackpropFilterAttrs,
  Conv2DBackpropInputAttrs,
  DepthwiseConv2dNativeBackpropFilterAttrs,
  DepthwiseConv2dNativeBackpropInputAttrs,
  KernelFunc,
  NamedAttrMap,
  NamedTensorInfoMap,
  TensorInfo,
} from '@tensorflow/tfjs';
import { maxPoolGrad } from './wasm-max-pool-grad.ts';

type Shape4 = [number, number, number, number];
type PadSpec = Conv2DBackpropFilterAttrs['pad'];

/**
 * Registers the missing gradient kernels on the wasm backend. Idempotent, and
 * it never replaces a kernel the backend already has (a later tfjs may ship
 * native ones). Safe to call before the wasm backend is initialised.
 */
export function registerWasmGradients(): void {
  registerIfMissing('Conv2DBackpropFilter', conv2dBackpropFilter);
  registerIfMissing('DepthwiseConv2dNativeBackpropFilter', depthwiseBackpropFilter);
  registerIfMissing('DepthwiseConv2dNativeBackpropInput', depthwiseBackpropInput);
  replaceNative('Conv2DBackpropInput', conv2dBackpropInput);
  replaceNative('MaxPoolGrad', maxPoolGrad);
}

function registerIfMissing(kernelName: string, kernelFunc: KernelFunc): void {
  if (tf.getKernel(kernelName, 'wasm') != null) return;
  tf.registerKernel({ kernelName, backendName: 'wasm', kernelFunc });
}

/**
 * Swaps a native kernel for ours. Only for native kernels that are plain
 * loops far slower than ours. Conv2DBackpropInput, measured in Node 24, batch
 * 64, 28x28x32 -> 32 channels, 3x3 same: native 443 ms, ours (one forward conv
 * on XNNPACK plus a transpose, same result to float rounding) 35 ms.
 * MaxPoolGrad: see wasm-max-pool-grad.ts.
 */
function replaceNative(kernelName: string, kernelFunc: KernelFunc): void {
  const current = tf.getKernel(kernelName, 'wasm');
  if (current?.kernelFunc === kernelFunc) return;
  if (current != null) tf.unregisterKernel(kernelName, 'wasm');
  tf.registerKernel({ kernelName, backendName: 'wasm', kernelFunc });
}

/**
 * Kernels receive TensorInfos (in practice the op's own Tensors). Forward ops
 * need Tensors; a bare TensorInfo is wrapped in a new Tensor that the
 * surrounding `tf.tidy` releases.
 */
function asTensor4(info: TensorInfo | undefined, name: string): tf.Tensor4D {
  if (info == null) throw new Error(`wasm gradient kernel: missing input '${name}'`);
  const tensor = info instanceof tf.Tensor ? info : tf.engine().makeTensorFromTensorInfo(info);
  return tensor as tf.Tensor4D;
}

function pairOf(value: [number, number] | number): [number, number] {
  return typeof value === 'number' ? [value, value] : value;
}

/** The padding the forward conv applied to each side of x. */
function forwardPadding(
  xShape: Shape4,
  filterShape: Shape4,
  strides: [number, number] | number,
  pad: PadSpec,
  dimRoundingMode: 'floor' | 'round' | 'ceil' | undefined,
  depthwise: boolean,
): { top: number; bottom: number; left: number; right: number } {
  const info = tf.backend_util.computeConv2DInfo(
    xShape,
    filterShape,
    strides,
    1,
    pad,
    dimRoundingMode,
    depthwise,
    'channelsLast',
  );
  return info.padInfo;
}

/** x padded by hand as the forward conv padded it (for the depthwise kernel, whose conv gets no explicit padding). */
function padForwardInput(
  x: tf.Tensor4D,
  filterShape: Shape4,
  strides: [number, number] | number,
  pad: PadSpec,
  dimRoundingMode: 'floor' | 'round' | 'ceil' | undefined,
  depthwise: boolean,
): tf.Tensor4D {
  const { top, bottom, left, right } = forwardPadding(x.shape, filterShape, strides, pad, dimRoundingMode, depthwise);
  // Negative bottom/right padding never happens for valid/same; explicit
  // paddings are non-negative by contract. Crop later handles extra rows.
  return top === 0 && bottom === 0 && left === 0 && right === 0
    ? x
    : tf.pad(x, [
        [0, 0],
        [top, bottom],
        [left, right],
        [0, 0],
      ]);
}

function requireUnitDilation(dilations: [number, number] | number, kernelName: string): void {
  const [dh, dw] = pairOf(dilations);
  if (dh !== 1 || dw !== 1) {
    throw new Error(`${kernelName} on wasm (Transfer Lab kernel): dilations > 1 are not supported`);
  }
}

/** dW[kh,kw,ci,co] = sum over b,oh,ow of xPadded[b, oh*s+kh, ow*s+kw, ci] * dy[b,oh,ow,co]. */
const conv2dBackpropFilter: KernelFunc = ({ inputs, attrs }) => {
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } =
    attrs as unknown as Conv2DBackpropFilterAttrs;
  if (dataFormat === 'NCHW') {
    throw new Error('Conv2DBackpropFilter on wasm (Transfer Lab kernel): only NHWC is supported');
  }
  const named = inputs as NamedTensorInfoMap;
  return tf.tidy(() => {
    const x = asTensor4(named['x'], 'x');
    const dy = asTensor4(named['dy'], 'dy');
    const [kh, kw] = filterShape;
    // Channels of x become the batch, the batch becomes the contracted channel axis.
    const xByChannel = tf.transpose(x, [3, 1, 2, 0]); // [ci, H, W, B]
    const dyAsFilter = tf.transpose(dy, [1, 2, 0, 3]); // [OH, OW, B, co]
    // x padded as the forward pass did; the conv pads it (XNNPACK reads zeros, no padded copy).
    const { top, bottom, left, right } = forwardPadding(x.shape, filterShape, strides, pad, dimRoundingMode, false);
    // Stepping the forward stride through x is a dilation of this filter.
    const full = tf.conv2d(xByChannel, dyAsFilter, 1, convPadding(top, bottom, left, right), 'NHWC', pairOf(strides)); // [ci, kh', kw', co]
    const cropped = tf.slice(full, [0, 0, 0, 0], [-1, kh, kw, -1]);
    return tf.transpose(cropped, [1, 2, 0, 3]); // [kh, kw, ci, co]
  });
};

/** dW[kh,kw,c,m] = sum over b,oh,ow of xPadded[b, oh*s+kh, ow*s+kw, c] * dy[b,oh,ow,c*M+m]. */
const depthwiseBackpropFilter: KernelFunc = ({ inputs, attrs }) => {
  const { strides, dilations, pad, dimRoundingMode, filterShape } =
    attrs as unknown as DepthwiseConv2dNativeBackpropFilterAttrs;
  requireUnitDilation(dilations, 'DepthwiseConv2dNativeBackpropFilter');
  const named = inputs as NamedTensorInfoMap;
  return tf.tidy(() => {
    const x = asTensor4(named['x'], 'x');
    const dy = asTensor4(named['dy'], 'dy');
    const [kh, kw, channels, multiplier] = filterShape;
    const [batch] = x.shape;
    const padded = padForwardInput(x, filterShape, strides, pad, dimRoundingMode, true);
    const [, height, width] = padded.shape;
    const [, outHeight, outWidth] = dy.shape;
    // One image whose channels are (c, b) pairs, so each pair is convolved with its own dy map.
    const xFolded = tf.reshape(tf.transpose(padded, [1, 2, 3, 0]), [1, height, width, channels * batch]) as tf.Tensor4D;
    const dyFolded = tf.reshape(
      tf.transpose(tf.reshape(dy, [batch, outHeight, outWidth, channels, multiplier]), [1, 2, 3, 0, 4]),
      [outHeight, outWidth, channels * batch, multiplier],
    ) as tf.Tensor4D;
    const full = tf.depthwiseConv2d(xFolded, dyFolded, 1, 'valid', 'NHWC', pairOf(strides));
    const [, fullH, fullW] = full.shape;
    const perImage = tf.reshape(full, [fullH, fullW, channels, batch, multiplier]);
    const summed = tf.sum(perImage, 3); // [kh', kw', C, M]
    return tf.slice(summed, [0, 0, 0, 0], [kh, kw, -1, -1]);
  });
};

/** The input gradient of a depthwise conv, as the native Conv2DBackpropInput of its block-diagonal filter. */
const depthwiseBackpropInput: KernelFunc = ({ inputs, attrs }) => {
  const { strides, dilations, pad, dimRoundingMode, inputShape } =
    attrs as unknown as DepthwiseConv2dNativeBackpropInputAttrs;
  requireUnitDilation(dilations, 'DepthwiseConv2dNativeBackpropInput');
  const named = inputs as NamedTensorInfoMap;
  return tf.tidy(() => {
    const dy = asTensor4(named['dy'], 'dy');
    const filter = asTensor4(named['filter'], 'filter');
    const [kh, kw, channels, multiplier] = filter.shape;
    // full[kh, kw, cIn, c*M+m] = filter[kh, kw, c, m] when cIn == c, else 0.
    const eye = tf.reshape(tf.eye(channels), [1, 1, channels, channels, 1]);
    const spread = tf.mul(tf.reshape(filter, [kh, kw, 1, channels, multiplier]), eye);
    const full = tf.reshape(spread, [kh, kw, channels, channels * multiplier]) as tf.Tensor4D;
    return tf.engine().runKernel('Conv2DBackpropInput', { dy, filter: full }, {
      strides,
      pad,
      dataFormat: 'NHWC',
      dimRoundingMode,
      inputShape,
    } as unknown as NamedAttrMap) as tf.Tensor4D;
  });
};

/**
 * dx[b,h,w,ci] = sum over kh,kw,co of dy[b,oh,ow,co] * W[kh,kw,ci,co] where h = oh*s + kh - padTop:
 * a stride-1 forward conv of dy (zeros inserted between its rows and columns
 * when s > 1, padded by K-1-padTop) with the filter flipped and transposed.
 */
const conv2dBackpropInput: KernelFunc = ({ inputs, attrs }) => {
  const { strides, pad, dataFormat, dimRoundingMode, inputShape } =
    attrs as unknown as Conv2DBackpropInputAttrs;
  if (dataFormat === 'NCHW') {
    throw new Error('Conv2DBackpropInput on wasm (Transfer Lab kernel): only NHWC is supported');
  }
  const named = inputs as NamedTensorInfoMap;
  return tf.tidy(() => {
    const dy = asTensor4(named['dy'], 'dy');
    const filter = asTensor4(named['filter'], 'filter');
    const [kh, kw] = filter.shape;
    const info = tf.backend_util.computeConv2DInfo(
      inputShape,
      filter.shape,
      strides,
      1,
      pad,
      dimRoundingMode,
      false,
      'channelsLast',
    );
    const [sh, sw] = [info.strideHeight, info.strideWidth];
    const spread = spreadByStride(dy, sh, sw);
    const [, spreadH, spreadW] = spread.shape;
    const [, height, width] = inputShape;
    const top = kh - 1 - info.padInfo.top;
    const left = kw - 1 - info.padInfo.left;
    const bottom = height + kh - 1 - spreadH - top;
    const right = width + kw - 1 - spreadW - left;
    // Crop what must go by hand; the conv pads the rest (XNNPACK reads zeros, no padded copy of dy).
    const cropped = cropBy(spread, -top, -bottom, -left, -right);
    const flipped = tf.transpose(tf.reverse(filter, [0, 1]), [0, 1, 3, 2]) as tf.Tensor4D;
    return tf.conv2d(cropped, flipped, 1, convPadding(top, bottom, left, right));
  });
};

/** Inserts s-1 zero rows (columns) between rows (columns): [B,H,W,C] -> [B,(H-1)*sh+1,(W-1)*sw+1,C]. */
function spreadByStride(x: tf.Tensor4D, sh: number, sw: number): tf.Tensor4D {
  if (sh === 1 && sw === 1) return x;
  const [batch, height, width, channels] = x.shape;
  const cells = tf.reshape(x, [batch * height, 1, width, 1, channels]);
  const padded = tf.pad(cells, [
    [0, 0],
    [0, sh - 1],
    [0, 0],
    [0, sw - 1],
    [0, 0],
  ]);
  const grid = tf.reshape(padded, [batch, height * sh, width * sw, channels]);
  return tf.slice(grid, [0, 0, 0, 0], [-1, (height - 1) * sh + 1, (width - 1) * sw + 1, -1]) as tf.Tensor4D;
}

/** A conv's explicit NHWC padding: each side's positive amount (a negative side was cropped by hand). */
function convPadding(top: number, bottom: number, left: number, right: number): tf.backend_util.ExplicitPadding {
  return [
    [0, 0],
    [Math.max(top, 0), Math.max(bottom, 0)],
    [Math.max(left, 0), Math.max(right, 0)],
    [0, 0],
  ];
}

/** Crops each side by a positive amount; a side of zero or less is left alone. */
function cropBy(x: tf.Tensor4D, top: number, bottom: number, left: number, right: number): tf.Tensor4D {
  const [cropTop, cropBottom, cropLeft, cropRight] = [top, bottom, left, right].map((n) => Math.max(n, 0)) as Shape4;
  if (cropTop + cropLeft + cropBottom + cropRight === 0) return x;
  const [, h, w] = x.shape;
  return tf.slice(x, [0, cropTop, cropLeft, 0], [-1, h - cropTop - cropBottom, w - cropLeft - cropRight, -1]);
}
