/**
 * The fairness catalog, continued (see catalog.test.ts): lesson 6's live sweep and lesson 7's
 * own-data exercise. A file of its own so vitest runs it beside the first one.
 *
 * Lesson 7 reads the learner's drawings from the browser's IndexedDB and saves the model
 * there. Node has no IndexedDB, so here the drawing store (the module that owns that
 * boundary) hands out the course's sample drawings, the set a learner gets with "Load the
 * sample drawings", and `indexeddb://` models are saved to and loaded from memory. The
 * exercise's code and checks run unchanged.
 */
import { beforeAll, beforeEach, vi } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { catalogSuite, useWasm, type CatalogEntry } from './support.ts';

vi.mock('../../../src/drawing/drawing-store.ts', async () => {
  const { readFileSync } = await import('node:fs');
  const { drawingSetFromJson } = await import('../../../src/drawing/drawing-set.ts');
  const sample = drawingSetFromJson(JSON.parse(readFileSync(new URL('../../../public/data/sample-drawings.json', import.meta.url), 'utf8')));
  return {
    loadDrawingSet: async (name: string) => (name === 'my-drawings' ? sample : null),
    saveDrawingSet: async () => undefined,
  };
});

/** `indexeddb://` in memory: what model.save wrote, for tf.loadLayersModel to read back. */
const savedModels = new Map<string, tf.io.ModelArtifacts>();
const INDEXED_DB = 'indexeddb://';
/** What a tfjs router answers for a URL it does not handle (tfjs's own routers do the same; its type says IOHandler). */
const NOT_MINE = null as unknown as tf.io.IOHandler;
const indexedDbKey = (url: string | string[]): string | null => (typeof url === 'string' && url.startsWith(INDEXED_DB) ? url : null);
tf.io.registerSaveRouter((url) => {
  const key = indexedDbKey(url);
  if (key === null) return NOT_MINE;
  return tf.io.withSaveHandler(async (artifacts) => {
    savedModels.set(key, artifacts);
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  });
});
tf.io.registerLoadRouter((url) => {
  const key = indexedDbKey(url);
  if (key === null) return NOT_MINE;
  return {
    load: async () => {
      const artifacts = savedModels.get(key);
      if (!artifacts) throw new Error(`Cannot find model with path '${key}' in IndexedDB.`);
      return artifacts;
    },
  };
});

beforeAll(useWasm);
// Each case starts with nothing saved: a case that does not save must not find the previous case's model.
beforeEach(() => savedModels.clear());

const POOL = "const pool = await datasets.load('fashion-target', { split: 'train', perClass: 20, seed: 3 });";
const HEAD_COMPILE = "head.compile({ optimizer: tf.train.adam(recipe.learningRate),";

const CATALOG: CatalogEntry[] = [
  {
    exercise: 'why-it-works-less-data/sweep',
    alternatives: [
      { name: 'repeated run of the reference solution', edit: [] },
      { name: 'the ks walked by index', edit: [['for (const k of KS) {', 'for (let i = 0; i < KS.length; i++) {\n  const k = KS[i]!;']] },
      { name: 'other random seeds for the scratch arm', edit: [['models.fashionCnn({ weights: null, seed: k })', 'models.fashionCnn({ weights: null, seed: 100 + k })']] },
    ],
    mistakes: [
      { name: 'the heads trained at another learning rate (0.01)', edit: [[HEAD_COMPILE, "head.compile({ optimizer: tf.train.adam(0.01),"]], fails: 'The heads train with the course’s head recipe' },
      { name: 'only three ks (1, 5, 20)', edit: [['const KS = [1, 2, 5, 10, 20];', 'const KS = [1, 5, 20];']], fails: 'sweep has one row per k' },
      { name: 'the chart not drawn', edit: [['  show.linechart(\n', '  ((..._skipped: unknown[]) => undefined)(\n']], fails: 'The sweep is plotted beside the course’s curve' },
      { name: 'the pool taken from the test images', edit: [[POOL, POOL.replace("split: 'train'", "split: 'test'")]], fails: 'Training never saw the test images' },
    ],
  },
  {
    exercise: 'your-own-data',
    alternatives: [
      { name: 'repeated run of the reference solution', edit: [] },
      { name: 'the base frozen as a whole, the head trainable', edit: [["for (const layer of model.layers) layer.trainable = layer.name === 'my_head';", "for (const layer of base.layers) layer.trainable = false;\nmodel.getLayer('my_head').trainable = true;"]] },
      { name: 'more epochs with smaller batches', edit: [['{ epochs: 30, batchSize: 8, shuffle: true }', '{ epochs: 40, batchSize: 4, shuffle: true }']] },
    ],
    mistakes: [
      { name: 'trained on the held-out drawings too', edit: [['await model.fit(mine.train.xs, mine.train.ys,', 'await model.fit(tf.concat([mine.train.xs, mine.test.xs]), tf.concat([mine.train.ys, mine.test.ys]),']], fails: 'Training never saw your held-out drawings' },
      // (Not here: the accuracy measured on mine.train. On the sample drawings the model scores 100% on both parts,
      // so that export is the true held-out accuracy and no check can tell; see test/fairness-catalog.md.)
      { name: 'the accuracy exported as a percentage', edit: [['export const heldOutAccuracy = result.accuracy;', 'export const heldOutAccuracy = result.accuracy * 100;']], fails: 'It scores at least' },
      { name: 'the model not saved', edit: [["await model.save('indexeddb://transfer-lab-own-model');", '']], fails: 'The model is saved for "Try your model"' },
      { name: 'the base with random weights', edit: [["await models.fashionCnn({ weights: 'pretrained' })", 'await models.fashionCnn({ weights: null })']], fails: 'model is the pretrained base with a new 5-class head' },
    ],
  },
];

catalogSuite(CATALOG, 300_000);
