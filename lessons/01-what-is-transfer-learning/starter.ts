// Warm-up: load the course's pretrained model and look at its layers.
import { models } from 'lab';

const base = await models.fashionCnn({ weights: 'pretrained' });
console.log(`Loaded ${base.name} with ${base.layers.length} layers.`);

// TODO: put the name of every layer into this list, in order,
// and print each one (a layer's name is `layer.name`).
export const layerNames: string[] = [];
