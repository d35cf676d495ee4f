// The reference solution: it must pass every check (npm run verify runs it).
import { models } from 'lab';

const base = await models.fashionCnn();

export const layerCount: number = base.layers.length;
console.log(`The model has ${layerCount} layers.`);
