/**
 * TensorFlow.js on the wasm backend inside Node 24: the fastest route on a
 * CPU-only machine (tfjs-node cannot be installed here, it downloads a binary).
 * Importing the backend package registers it; the gradient kernels wasm lacks
 * come from src/lab/wasm-gradients.ts, the same ones the browser worker uses.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmGradients } from '../../src/lab/wasm-gradients.ts';

export async function useWasmBackend(): Promise<void> {
  registerWasmGradients();
  const ok = await tf.setBackend('wasm');
  if (!ok) throw new Error('could not initialise the tfjs wasm backend');
  await tf.ready();
}
