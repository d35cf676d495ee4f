import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { encodeGreyPng } from '../../../src/mdx/pictures/png.ts';
import { classStrips, GAP, IMAGE_SIDE } from '../../../src/mdx/pictures/class-strips.ts';
import { modelSummary } from '../../../src/mdx/pictures/model-summary.ts';
import { RECORD_BYTES } from '../../../src/lab/data-index.ts';

/** Decodes the PNGs encodeGreyPng writes (one IDAT, filter 0 on every row). */
function decodeGreyPng(png: Buffer): { width: number; height: number; pixels: Uint8Array } {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const idatAt = png.indexOf('IDAT');
  const raw = inflateSync(png.subarray(idatAt + 4, idatAt + 4 + png.readUInt32BE(idatAt - 4)));
  const pixels = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    expect(raw[y * (width + 1)]).toBe(0);
    pixels.set(raw.subarray(y * (width + 1) + 1, (y + 1) * (width + 1)), y * width);
  }
  return { width, height, pixels };
}

describe('build-time pictures', () => {
  it('encodes a greyscale PNG that decodes to the same pixels', () => {
    const pixels = Uint8Array.from({ length: 7 * 3 }, (_, i) => (i * 37) % 256);
    const out = decodeGreyPng(encodeGreyPng(7, 3, pixels));
    expect(out).toEqual({ width: 7, height: 3, pixels });
    expect(() => encodeGreyPng(7, 3, new Uint8Array(5))).toThrow(/5 pixels/);
  });

  it('strips hold the shipped images of each class, pixel for pixel, in class order', () => {
    const strips = classStrips('fashion-target', 4);
    const index = JSON.parse(readFileSync('public/data/fashion-mnist/index.json', 'utf8'));
    expect(strips.map((s) => s.name)).toEqual(index.sets['fashion-target'].classes.map((c: { name: string }) => c.name));
    const bytes = readFileSync('public/data/fashion-mnist/target-train.bin');
    for (const [classIndex, strip] of strips.entries()) {
      expect(strip.count).toBe(4);
      const { width, pixels } = decodeGreyPng(strip.png);
      expect(width).toBe(4 * IMAGE_SIDE + 3 * GAP);
      for (const [i, record] of strip.records.entries()) {
        expect(bytes[record * RECORD_BYTES]).toBe(index.sets['fashion-target'].classes[classIndex].label);
        for (const y of [0, 9, 14, 27]) {
          const row = pixels.subarray(y * width + i * (IMAGE_SIDE + GAP), y * width + i * (IMAGE_SIDE + GAP) + IMAGE_SIDE);
          expect([...row]).toEqual([...bytes.subarray(record * RECORD_BYTES + 1 + y * IMAGE_SIDE, record * RECORD_BYTES + 1 + (y + 1) * IMAGE_SIDE)]);
        }
      }
    }
    expect(() => classStrips('fashion-source', 0)).toThrow(/1 to 20/);
  });

  it('reads the layer table of the shipped model: shapes, and parameters that add up to the card', () => {
    const summary = modelSummary('public/models/fashion-cnn/model.json');
    const card = JSON.parse(readFileSync('public/models/fashion-cnn/card.json', 'utf8'));
    expect(summary.totalParams).toBe(card.parameters);
    const byName = Object.fromEntries(summary.layers.map((l) => [l.name, l]));
    expect(byName.pool1!.outputShape).toEqual([14, 14, 16]);
    expect(byName.features!.outputShape).toEqual([1568]);
    expect(byName.dense!.params).toBe(1568 * 128 + 128);
    expect(byName.head!.outputShape).toEqual([5]);
  });

  it('names the layer it cannot size instead of drawing a wrong diagram', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tl-summary-'));
    const file = join(dir, 'model.json');
    writeFileSync(file, JSON.stringify({
      modelTopology: { class_name: 'Sequential', config: { layers: [
        { class_name: 'Dense', config: { name: 'd', units: 3, batch_input_shape: [null, 4] } },
        { class_name: 'LSTM', config: { name: 'memory' } },
      ] } },
      weightsManifest: [],
    }));
    expect(() => modelSummary(file)).toThrow(/"memory" is a LSTM/);
    writeFileSync(file, '{"modelTopology":{"class_name":"Model"}}');
    expect(() => modelSummary(file)).toThrow(/not a Sequential model/);
  });
});
