/**
 * `npm run pretrain -- --quick` runs end to end, writes a loadable model and a
 * valid card to a temporary folder, and never touches the shipped model.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { MODEL_DIR, parseModelCard } from '../../../src/lab/card.ts';
import { debianFilesPresent } from '../../../scripts/ml/fashion-mnist.ts';
import { PUBLIC_DIR } from './setup-lab.ts';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../../..');
const shippedHash = () =>
  ['model.json', 'weights.bin', 'card.json']
    .map((f) => createHash('sha256').update(readFileSync(join(PUBLIC_DIR, MODEL_DIR, f))).digest('hex'))
    .join();

describe.skipIf(!debianFilesPresent())('scripts/pretrain.ts --quick', () => {
  it('pretrains a few hundred images for one epoch into a temporary folder', async () => {
    const before = shippedHash();
    const out = mkdtempSync(join(tmpdir(), 'pretrain-quick-test-'));
    try {
      const { stdout } = await run('npx', ['node', 'scripts/pretrain.ts', '--quick', '--out', out], { cwd: ROOT });
      expect(stdout).toMatch(/source test accuracy 0\.\d{4} on 5000 official test images/);
      const card = parseModelCard(JSON.parse(readFileSync(join(out, 'card.json'), 'utf8')));
      expect(card.trainedWith.epochs).toBe(1);
      expect(card.sourceDataset.images).toBe(300);
      expect(card.trainedWith.command).toContain('--quick');
      expect(stdout).toContain(`source test accuracy ${card.testAccuracy.toFixed(4)}`);
      expect(existsSync(join(out, 'weights.bin'))).toBe(true);
      expect(shippedHash()).toBe(before);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('refuses to write a quick model over the shipped one', async () => {
    const before = shippedHash();
    await expect(
      run('npx', ['node', 'scripts/pretrain.ts', '--quick', '--out', join(PUBLIC_DIR, MODEL_DIR)], { cwd: ROOT }),
    ).rejects.toThrow(/never writes over the shipped model/);
    expect(shippedHash()).toBe(before);
  });
});
