/**
 * Build-time access to the files the ML scripts produced (model card,
 * experiment results), so lesson text quotes their numbers instead of typing
 * them in by hand.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseModelCard, type ModelCard } from './lab/card.ts';

// Build-time code is bundled into dist/, so paths start from the project root, not this file.
const publicDir = join(process.cwd(), 'public');

let card: ModelCard | undefined;

export function shippedModelCard(): ModelCard {
  card ??= parseModelCard(JSON.parse(readFileSync(join(publicDir, 'models/fashion-cnn/card.json'), 'utf8')), 'public/models/fashion-cnn/card.json');
  return card;
}

export function percent(value: number, digits = 1): string {
  return `${(value * 100).toFixed(digits)}%`;
}
