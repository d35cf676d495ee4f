/**
 * The grader's hidden holdout (scripts/course/holdout.ts, written by scripts/data/build-holdout.ts):
 * outside public/ (so never in dist/), target classes only, none of its images shipped, its hash as
 * recorded; and scoring a saved model on it in Node.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import * as lab from 'lab';
import { beforeAll, describe, expect, it } from 'vitest';
import { HOLDOUT_DIR, HoldoutIndexSchema, loadHoldout, loadSiteTest, scoreSavedModel, type SavedModel } from '../../../scripts/course/holdout.ts';
import { startHoldoutScorer } from '../../../scripts/course/holdout-scorer.ts';
import { configureLabForNode, PUBLIC_DIR } from '../lab/setup-lab.ts';
import { useWasmBackend } from '../../../scripts/ml/wasm-node.ts';

beforeAll(async () => {
  await useWasmBackend(); // the grader's backend; cpu takes minutes for 5,000 images
  configureLabForNode();
});

const index = HoldoutIndexSchema.parse(JSON.parse(readFileSync(join(HOLDOUT_DIR, 'index.json'), 'utf8')));

describe('the hidden holdout', () => {
  it('lives next to the teacher tools, not under public/, and matches its recorded hash', () => {
    expect(HOLDOUT_DIR.startsWith('public')).toBe(false);
    const bytes = readFileSync(join(HOLDOUT_DIR, index.file));
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(index.sha256);
    expect(index.count).toBe(2500);
    expect(index.perClass).toEqual([500, 500, 500, 500, 500]);
  });

  it('has only the target classes, from t10k, and none of the images the site ships', () => {
    const shipped = JSON.parse(readFileSync(join(PUBLIC_DIR, 'data/fashion-mnist/index.json'), 'utf8'));
    expect(index.classes.map((c) => c.label)).toEqual(shipped.sets['fashion-target'].classes.map((c: { label: number }) => c.label));
    const shippedTest = new Set<number>(shipped.sets['fashion-target'].splits.test.officialIndices);
    expect(index.officialIndices.filter((i) => shippedTest.has(i))).toEqual([]);
    const hash = (b: Uint8Array) => createHash('sha1').update(b).digest('hex');
    const seen = new Set<string>();
    for (const set of Object.values(shipped.sets) as { splits: Record<string, { file: string; count: number }> }[]) {
      for (const split of Object.values(set.splits)) {
        const bytes = readFileSync(join(PUBLIC_DIR, 'data/fashion-mnist', split.file));
        for (let r = 0; r < split.count; r++) seen.add(hash(bytes.subarray(r * 785 + 1, (r + 1) * 785)));
      }
    }
    const holdout = readFileSync(join(HOLDOUT_DIR, index.file));
    let found = 0;
    for (let r = 0; r < index.count; r++) if (seen.has(hash(holdout.subarray(r * 785 + 1, (r + 1) * 785)))) found++;
    expect(found).toBe(0);
  });

  it('scores a saved model on the holdout and the site test split, in Node', async () => {
    const holdout = loadHoldout();
    if ('missing' in holdout) throw new Error(holdout.missing);
    const siteTest = loadSiteTest(PUBLIC_DIR);
    expect(holdout.labels.length).toBe(2500);
    expect(siteTest.labels.length).toBe(2500);
    const base = await lab.models.fashionCnn();
    const head = tf.layers.dense({ units: 5, activation: 'softmax', name: 'new_head' });
    const model = tf.model({ inputs: base.inputs, outputs: head.apply(base.getLayer('features').output) as tf.SymbolicTensor });
    let saved: SavedModel | undefined;
    await model.save(
      tf.io.withSaveHandler(async (artifacts) => {
        const data = new Uint8Array(artifacts.weightData as ArrayBuffer);
        saved = { exportName: 'model', modelTopology: artifacts.modelTopology, weightSpecs: artifacts.weightSpecs!, weightData: Buffer.from(data).toString('base64') };
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
    const [onHoldout, onSite] = await scoreSavedModel(saved!, [holdout, siteTest]);
    // An untrained head: both scores are real accuracies, near chance (0.2) and similar.
    for (const accuracy of [onHoldout!, onSite!]) {
      expect(accuracy).toBeGreaterThanOrEqual(0);
      expect(accuracy).toBeLessThanOrEqual(1);
    }
    expect(Math.abs(onHoldout! - onSite!)).toBeLessThan(0.1);
    await expect(scoreSavedModel({ ...saved!, modelTopology: { nonsense: true } }, [holdout])).rejects.toThrow();

    // The grader scores in a thread of its own (so --jobs keeps its browsers busy): the same numbers,
    // a model that cannot be scored is an error for that model only, and the thread goes on.
    const scorer = startHoldoutScorer({ holdoutDir: HOLDOUT_DIR, siteRoot: PUBLIC_DIR });
    try {
      await expect(scorer.score({ ...saved!, modelTopology: { nonsense: true } })).rejects.toThrow();
      const [inThread, inThreadSite] = await scorer.score(saved!);
      expect(inThread).toBeCloseTo(onHoldout!, 6);
      expect(inThreadSite).toBeCloseTo(onSite!, 6);
    } finally {
      await scorer.close();
    }
  }, 180_000);
});
