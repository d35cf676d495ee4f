/**
 * What lesson authors may use in MDX, by name. Layout internals live in
 * src/components/; only these are handed to lessons.
 */
export { default as Gal } from './Gal.astro';
export { default as Geek } from './Geek.astro';
export { default as Hint } from './Hint.astro';
export { default as PyTorch } from './PyTorch.astro';
export { default as ModelFact } from './ModelFact.astro';
export { default as Exercise } from './Exercise.astro';
export { default as DrawingPad } from './DrawingPad.astro';
export { default as ExperimentPlot } from './ExperimentPlot.astro';
export { default as ExperimentFact } from './ExperimentFact.astro';
export { default as CheckValue } from './CheckValue.astro';
export { default as ClassStrips } from './ClassStrips.astro';
export { default as ModelDiagram } from './ModelDiagram.astro';
