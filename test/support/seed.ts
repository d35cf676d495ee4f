/**
 * Reads the seed dialogue (test/fixtures/seed.txt, a copy of shared/seed)
 * into what the lessons must contain: speaker lines with their mood, and the
 * step headings, in order.
 */
import { readFileSync } from 'node:fs';

export type SeedItem =
  | { kind: 'line'; speaker: 'Gal' | 'Geek'; mood: string; text: string }
  | { kind: 'heading'; text: string }
  | { kind: 'code'; text: string };

export const SEED_PATH = new URL('../fixtures/seed.txt', import.meta.url);

export function readSeed(text = readFileSync(SEED_PATH, 'utf8')): SeedItem[] {
  const items: SeedItem[] = [];
  const blocks = text.split(/\n\s*\n/).map((block) => block.trim()).filter(Boolean);
  let speaker: { speaker: 'Gal' | 'Geek'; mood: string } | undefined;
  let inCode = false;
  let code: string[] = [];
  for (const block of blocks) {
    const header = /^(Gal|Geek) (\w+)$/.exec(block);
    if (header) {
      speaker = { speaker: header[1] as 'Gal' | 'Geek', mood: header[2]! };
      continue;
    }
    if (/^(Step \d+:|Example:)/.test(block)) {
      items.push({ kind: 'heading', text: block });
      speaker = undefined;
      continue;
    }
    if (block.startsWith('import ') || inCode) {
      inCode = true;
      code.push(block);
      if (block.includes('print("Fine-tuning complete!")')) {
        items.push({ kind: 'code', text: code.join('\n\n') });
        inCode = false;
        code = [];
      }
      continue;
    }
    if (!speaker) throw new Error(`Seed text without a speaker: ${block.slice(0, 40)}`);
    // The closing paragraph follows Geek's code: it is Geek's, in the same mood.
    items.push({ kind: 'line', ...speaker, text: block });
  }
  return items;
}
