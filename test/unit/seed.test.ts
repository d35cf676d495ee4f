import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readSeed, SEED_PATH } from '../support/seed.ts';

describe('the seed dialogue', () => {
  it('has 12 lines, 4 headings and the code, in order', () => {
    const items = readSeed();
    expect(items.filter((item) => item.kind === 'line')).toHaveLength(12);
    expect(items.filter((item) => item.kind === 'heading').map((item) => item.text)).toEqual([
      'Step 1: Load a Pre-trained Model',
      'Step 2: Modify the Model for Our Task',
      'Step 3: Fine-tune the Model',
      'Example: Transfer Learning with PyTorch in Action',
    ]);
    expect(items[0]).toMatchObject({ speaker: 'Gal', mood: 'Normal' });
    expect(items.at(-1)).toMatchObject({ speaker: 'Geek', mood: 'Smiling' });
  });

  it('is a faithful copy of shared/seed where that folder is present', () => {
    const shared = new URL('../../../shared/seed/000_a60cc38c1ea207c2.txt', import.meta.url);
    if (!existsSync(shared)) return; // CI has shared/ beside the clone; a teacher's copy may not.
    expect(readFileSync(SEED_PATH, 'utf8')).toBe(readFileSync(shared, 'utf8'));
  });
});
