// The images the PyTorch research uses, exactly as the course picks them: the target validation images
// (official train, never shipped; scripts/ml/class-split.ts) and datasets.load's k-shot picks per seed.
//   npx node scripts/research/pytorch-few-shot/dump-indices.ts   -> .tmp/few-shot-indices.json
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadFashionSplit } from '../../ml/fashion-mnist.ts';
import { SHIPPED_SPLIT, sourceTrainSelection, targetTrainSelection } from '../../ml/class-split.ts';
import { seededRandom, shuffled } from '../../../src/lab/random.ts';
import index from '../../../public/data/fashion-mnist/index.json' with { type: 'json' };
const train = loadFashionSplit('train');
const val: number[][] = [], pool: number[][] = [];
for (const label of SHIPPED_SPLIT.target) { const s = targetTrainSelection(train, label); val.push(s.val); pool.push(s.pool); }
// The source images pretraining fits on and the ones it holds out (official train indices), per source class.
const sourceFit: number[][] = [], sourceVal: number[][] = [];
for (const label of SHIPPED_SPLIT.source) { const s = sourceTrainSelection(train, label); sourceFit.push(s.fit); sourceVal.push(s.val); }
// records in target-train.bin: official indices in file order
const recs = (index as any).sets['fashion-target'].splits.train.officialIndices as number[];
const picks: Record<string, number[]> = {};
// emulate datasets.load: records by class in file order
const bytes = readFileSync('public/data/fashion-mnist/target-train.bin');
const labels = SHIPPED_SPLIT.target;
const byClass: number[][] = labels.map(() => []);
for (let r = 0; r < recs.length; r++) byClass[labels.indexOf(bytes[r * 785]!)]!.push(r);
for (const k of [1, 2, 3, 4, 5, 10, 20, 50, 100, 200]) for (let seed = 0; seed <= 10; seed++) {
  const random = seededRandom(seed);
  const chosen: number[] = [];
  byClass.forEach((records) => chosen.push(...shuffled(records, random).slice(0, k)));
  picks[`${k}/${seed}`] = chosen; // record indices into target-train.bin
}
mkdirSync('.tmp', { recursive: true });
writeFileSync('.tmp/few-shot-indices.json', JSON.stringify({ target: labels, val, pool, picks, recs, source: SHIPPED_SPLIT.source, sourceFit, sourceVal }));
console.log('ok', val.map((v) => v.length), pool.map(p=>p.length));
