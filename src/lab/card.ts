/**
 * The model card of the shipped base model (public/models/fashion-cnn/card.json):
 * what it is, how to feed it, what it was trained on and how well it does.
 * Written by scripts/pretrain.ts, validated here, rendered by the site.
 */
import { z } from 'zod';
import { assetUrl, fetchJson } from './config.ts';

export const MODEL_DIR = 'models/fashion-cnn';

const LayerSummary = z.object({
  name: z.string().describe('Layer name, as model.getLayer(name) takes it'),
  className: z.string().describe('tf.layers class, e.g. Conv2D'),
  outputShape: z.array(z.number().int().nullable()).describe('Output shape, null for the batch axis'),
  parameters: z.number().int().nonnegative(),
});

const ClassEntry = z.object({
  label: z.number().int().min(0).max(9).describe('Official Fashion-MNIST label id'),
  name: z.string(),
});

export const ModelCardSchema = z.object({
  id: z.literal('fashion-cnn').describe('Stable id, as models.fashionCnn() loads it'),
  description: z.string(),
  architecture: z.array(LayerSummary).min(1).describe('Every layer in order, input first'),
  parameters: z.number().int().positive().describe('Total number of weights'),
  inputShape: z.tuple([z.literal(28), z.literal(28), z.literal(1)]).describe('One image: height, width, channels'),
  preprocess: z
    .object({
      description: z.string(),
      scale: z.number().describe('input = pixel * scale + offset, pixel in 0..255'),
      offset: z.number(),
    })
    .describe('Exactly how pixels become inputs'),
  blocks: z
    .object({
      topBlock: z.array(z.string()).describe('Layers of the last conv block, the one to unfreeze first'),
      features: z.string().describe('The recommended cut point: its output is the feature vector'),
      penultimate: z.string(),
      head: z.string().describe('The source-task classifier, replaced for a new task'),
    })
    .describe('Names lessons point at'),
  sourceDataset: z.object({
    name: z.string(),
    licence: z.string(),
    split: z.string().describe('Which official split the training images come from'),
    images: z.number().int().positive().describe('Training images used'),
    heldOut: z.string().describe('Images kept out of training, for design decisions'),
  }),
  sourceClasses: z.array(ClassEntry).describe('Labels and names in output order: output i is sourceClasses[i]'),
  testAccuracy: z.number().min(0).max(1).describe('Accuracy on the official test split, source classes only'),
  testSet: z.object({ description: z.string(), count: z.number().int().positive() }),
  trainedWith: z.object({
    command: z.string(),
    seed: z.number().int(),
    epochs: z.number().int().positive(),
    batchSize: z.number().int().positive(),
    optimizer: z.string(),
    augmentation: z.string(),
    backend: z.string(),
    tfjsVersion: z.string(),
    trainSeconds: z.number().nonnegative(),
    date: z.string().describe('ISO date of the run'),
  }),
});

export type ModelCard = z.infer<typeof ModelCardSchema>;

/** Parses a card, naming each wrong field. */
export function parseModelCard(raw: unknown, where = 'card.json'): ModelCard {
  const parsed = ModelCardSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`).join('\n');
    throw new Error(`${where} is not a valid model card:\n${problems}`);
  }
  return parsed.data;
}

/**
 * The shipped base model's card: its layers, input, preprocessing, source
 * classes and test accuracy.
 *
 * @example
 * const card = await modelCard();
 * console.log(card.sourceClasses.map((c) => c.name), card.testAccuracy);
 */
export async function modelCard(): Promise<ModelCard> {
  return parseModelCard(await fetchJson(assetUrl(`${MODEL_DIR}/card.json`)), `${MODEL_DIR}/card.json`);
}
