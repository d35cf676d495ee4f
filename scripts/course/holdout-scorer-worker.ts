/**
 * The grader's scoring thread (holdout-scorer.ts): tfjs on wasm, the hidden
 * holdout and the site's test split loaded once, then one exported model
 * scored per message.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { useWasmBackend } from '../ml/wasm-node.ts';
import { loadHoldout, loadSiteTest, scoreSavedModel, type SavedModel } from './holdout.ts';

const { holdoutDir, siteRoot } = workerData as { holdoutDir: string; siteRoot: string };
const ready = (async () => {
  await useWasmBackend();
  const holdout = loadHoldout(holdoutDir);
  if ('missing' in holdout) throw new Error(holdout.missing);
  return [holdout, loadSiteTest(siteRoot)];
})();

parentPort!.on('message', (message: { id: number; saved: SavedModel }) => {
  void ready
    .then((sets) => scoreSavedModel(message.saved, sets))
    .then(
      (accuracies) => parentPort!.postMessage({ id: message.id, accuracies }),
      (error: unknown) => parentPort!.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) }),
    );
});
