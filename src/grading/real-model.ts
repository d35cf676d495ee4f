/**
 * `await expect.model(exports, 'model')`: the learner's exported model, as a
 * real tf.LayersModel the checks can trust.
 *
 * A check that reads `model.outputs[0].shape` or calls `evaluate(model, test)`
 * on the export itself believes whatever the export says: a plain object
 * `{ outputs: [{ shape: [null, 5] }] }` passes a shape check, and a Proxy
 * whose `predict` returns the test labels it loaded passes an accuracy check.
 * No property read can tell a Proxy from the model it imitates, so this helper
 * does not try: it saves the export through tfjs's own `LayersModel.prototype.save`
 * and loads the result into a fresh model (`tf.loadLayersModel`, in memory).
 * What the checks get is that copy: a network tfjs built from a topology and
 * weights, whose `predict` is tfjs's. An export that cannot be saved that way
 * is not a model, and the check fails with a message that says so. A fake that
 * describes a real network gets that network graded, honestly.
 *
 * The copy has the export's layers (names, `trainable` flags, connections) and
 * weights, but no optimizer: read `optimizerOf` on the export, the learning rate
 * from `fits`. Copies are made once per export per `runChecks` call and disposed
 * when its checks are over.
 */
import type * as TF from '@tensorflow/tfjs';
import { CheckFailure } from './failure.ts';
import { formatValue } from './format.ts';
import { NativeError, append, callFunction, hasOwn, sliceText, whenSettled } from './intrinsics.ts';
import { currentCheckRun } from './model-checks.ts';

type Tf = typeof TF;

interface Copy {
  of: unknown;
  copy: Promise<TF.LayersModel>;
}

let copies: Copy[] = [];

/** Called by runChecks when a run's checks are over: frees the copies. */
export function disposeModelCopies(): void {
  const done = copies;
  copies = [];
  for (let i = 0; i < done.length; i++) {
    whenSettled(done[i]!.copy, (model) => (model as TF.LayersModel).dispose(), () => undefined);
  }
}

/**
 * Returns a trusted copy of `exports[name]`, or fails the check when it is missing
 * or not a real tf.LayersModel.
 */
export async function expectModel(exports: Record<string, unknown>, name = 'model', description = 'a tf.LayersModel'): Promise<TF.LayersModel> {
  const run = currentCheckRun();
  if (run === undefined) throw new NativeError("expect.model() works inside a check's test: it copies the model with the run's tf");
  const present = typeof exports === 'object' && exports !== null && hasOwn(exports, name) && exports[name] !== undefined;
  if (!present) {
    throw new CheckFailure(
      `Your code should export \`${name}\` (${description}). Write \`export\` before its declaration, e.g. \`export const ${name} = …\`.`,
      { expected: `export ${name}`, actual: 'not exported' },
    );
  }
  const value = exports[name];
  const tf = run.tf as Tf;
  for (let i = 0; i < copies.length; i++) if (copies[i]!.of === value) return copies[i]!.copy;
  if (!(value instanceof tf.LayersModel)) throw notAModel(name, `it is ${formatValue(value)}`);
  const copy = copyModel(tf, value, name);
  append(copies, { of: value, copy });
  return copy;
}

async function copyModel(tf: Tf, value: TF.LayersModel, name: string): Promise<TF.LayersModel> {
  let artifacts: TF.io.ModelArtifacts | undefined;
  try {
    await (callFunction(tf.LayersModel.prototype.save as never, value, [
      tf.io.withSaveHandler(async (saved) => {
        artifacts = saved;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    ]) as Promise<unknown>);
  } catch (error) {
    throw notAModel(name, `TensorFlow.js could not save it (${firstLine(error)})`);
  }
  if (artifacts === undefined || artifacts.modelTopology === undefined) throw notAModel(name, 'TensorFlow.js could not save it');
  try {
    return await tf.loadLayersModel(tf.io.fromMemory(artifacts));
  } catch (error) {
    throw notAModel(name, `TensorFlow.js could not rebuild it from its layers and weights (${firstLine(error)})`);
  }
}

function notAModel(name: string, why: string): CheckFailure {
  return new CheckFailure(
    `\`${name}\` is not a real tf.LayersModel: ${why}. Export the model your code built and trained (from tf.model, tf.sequential or models.fashionCnn()).`,
    { expected: 'a tf.LayersModel', actual: 'not a model' },
  );
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : formatValue(error);
  const cut = message.indexOf('\n');
  return cut >= 0 ? sliceText(message, 0, cut) : message;
}
