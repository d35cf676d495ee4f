/**
 * Reads the IDX files Fashion-MNIST is distributed in (gzip-compressed), as
 * Debian's `dataset-fashion-mnist` package installs them. Node only.
 *
 * IDX: a big-endian header (magic 0x00000803 for uint8 rank-3 images,
 * 0x00000801 for uint8 rank-1 labels, then one uint32 per dimension), then
 * the raw bytes, row-major.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

export interface IdxImages {
  count: number;
  rows: number;
  cols: number;
  /** count * rows * cols bytes, 0 = background, 255 = ink. */
  pixels: Uint8Array;
}

function readIdx(path: string, expectedMagic: number): { dims: number[]; data: Uint8Array } {
  const bytes = gunzipSync(readFileSync(path));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0);
  if (magic !== expectedMagic) {
    throw new Error(`${path}: IDX magic 0x${magic.toString(16)}, expected 0x${expectedMagic.toString(16)}`);
  }
  const rank = magic & 0xff;
  const dims = Array.from({ length: rank }, (_, i) => view.getUint32(4 + 4 * i));
  const headerBytes = 4 + 4 * rank;
  const data = bytes.subarray(headerBytes);
  const expectedBytes = dims.reduce((a, b) => a * b, 1);
  if (data.length !== expectedBytes) {
    throw new Error(`${path}: ${data.length} data bytes, header promises ${expectedBytes}`);
  }
  return { dims, data };
}

export function readIdxImages(path: string): IdxImages {
  const { dims, data } = readIdx(path, 0x00000803);
  const [count, rows, cols] = dims as [number, number, number];
  return { count, rows, cols, pixels: data };
}

export function readIdxLabels(path: string): Uint8Array {
  return readIdx(path, 0x00000801).data;
}
