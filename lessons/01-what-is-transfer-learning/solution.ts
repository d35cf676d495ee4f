// Warm-up: load the course's pretrained model and look at its layers.
import { models } from 'lab';

const base = await models.fashionCnn({ weights: 'pretrained' });
console.log(`Loaded ${base.name} with ${base.layers.length} layers.`);

export const layerNames: string[] = base.layers.map((layer) => layer.name);
for (const name of layerNames) console.log(name);
