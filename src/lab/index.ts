/**
 * `lab`: the small library exercises import (`import { models, datasets, evaluate } from 'lab'`).
 *
 * - `models.fashionCnn()`: the course's pretrained convnet (a new copy per call).
 * - `datasets.load('fashion-target', { split, perClass, seed })`: the new task's images.
 * - `evaluate(model, data)`: accuracy, per-class accuracy and confusion matrix.
 * - `modelCard()`: what the base model is and how it was trained.
 * - `show.images(data, { predictions })`, `show.confusion(evaluation, data)`, …: pictures in the output panel.
 *
 * Runs in a Web Worker and in Node; uses the same `tf` as learner code.
 */
// Types only: symbolic tensors in, symbolic tensors out for layer.apply() (see the file).
import './tfjs-types.ts';
export { configureLab, type LabOptions } from './config.ts';
export * as models from './models.ts';
export * as datasets from './datasets.ts';
export { evaluate, type Evaluation, type EvaluationData } from './evaluate.ts';
export { modelCard, type ModelCard } from './card.ts';
export * as show from './show.ts';
export { experiment, epochsFor, type ExperimentSummary, type ArmRecipe } from './experiment.ts';
export type { ShowData, ShowEvaluation, Predictions, ImagesOptions, ClassOptions, TableOptions } from './show.ts';
export type { LabData, LoadOptions, DatasetName, SplitName } from './datasets.ts';
export type { ModelSource, FashionCnnOptions, Weights } from './models.ts';
