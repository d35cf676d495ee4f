/**
 * The course's transfer-vs-scratch experiment (`data/transfer-experiment.json`, written by
 * `npx node scripts/experiment.ts`): the recipe of each arm and the mean accuracy at each k,
 * so an exercise trains with the very recipe the course measured and plots its own run beside
 * the course's curve, without copying a number.
 */
import { assetUrl, fetchJson } from './config.ts';

/** How an arm trains: optimizer, learning rate, batch size and epochs for each measured k. */
export interface ArmRecipe {
  optimizer: string;
  learningRate: number;
  batchSize: number;
  /** Epochs by images per class, for the k the experiment measured. */
  epochsByK: Record<string, number>;
}

export interface ExperimentSummary {
  /** `head`: a new softmax layer on the frozen base's `features`; `scratch`: the same network from random weights. */
  recipes: { head: ArmRecipe; scratch: ArmRecipe };
  /** Mean test accuracy of each arm at each k the experiment measured (0 to 1). */
  byK: { k: number; head: number; scratch: number }[];
}

function recipeOf(raw: unknown, arm: string): ArmRecipe {
  const r = raw as Partial<ArmRecipe> | undefined;
  if (!r || typeof r.learningRate !== 'number' || typeof r.batchSize !== 'number' || typeof r.epochsByK !== 'object' || r.epochsByK === null) {
    throw new Error(`lab: data/transfer-experiment.json has no usable recipe for the ${arm} arm`);
  }
  return { optimizer: String(r.optimizer ?? 'adam'), learningRate: r.learningRate, batchSize: r.batchSize, epochsByK: { ...r.epochsByK } };
}

/** The recipes and the per-k means of the course's experiment. */
export async function experiment(): Promise<ExperimentSummary> {
  const raw = (await fetchJson(assetUrl('data/transfer-experiment.json'))) as {
    recipes?: Record<string, unknown>;
    settings?: { arms?: Record<string, unknown> };
    summary?: { byK?: { k: number; headMean?: number; scratchMean?: number }[] };
  };
  const arms = raw.recipes ?? raw.settings?.arms ?? {};
  const byK = (raw.summary?.byK ?? [])
    .filter((row) => typeof row.headMean === 'number' && typeof row.scratchMean === 'number')
    .map((row) => ({ k: row.k, head: row.headMean!, scratch: row.scratchMean! }));
  return { recipes: { head: recipeOf(arms.head, 'head'), scratch: recipeOf(arms.scratch, 'scratch') }, byK };
}

/** The recipe's epochs for `k`: those of k itself, else of the nearest measured k above it (else below). */
export function epochsFor(recipe: ArmRecipe, k: number): number {
  const measured = Object.keys(recipe.epochsByK).map(Number).filter(Number.isFinite).sort((a, b) => a - b);
  const at = measured.find((m) => m >= k) ?? measured.at(-1);
  if (at === undefined) throw new Error('lab: the recipe lists no epochs');
  return recipe.epochsByK[String(at)]!;
}
