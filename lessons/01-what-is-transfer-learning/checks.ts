import { defineChecks, expect } from 'grading';
import { models } from 'lab';

export default defineChecks([
  {
    title: 'layerNames lists every layer of the model, in order',
    hint: '`base.layers` is an array of layers; `.map(...)` turns it into an array of their names.',
    async test({ exports }) {
      const names = expect.exported(exports, 'layerNames', 'a list of layer names');
      const base = await models.fashionCnn();
      const expected = base.layers.map((layer) => layer.name);
      base.dispose();
      expect(names).toEqual(expected, 'layerNames');
    },
  },
  {
    title: 'Every layer name was printed',
    hint: 'Print each name with console.log, e.g. in a for…of loop.',
    async test({ logs }) {
      const base = await models.fashionCnn();
      const printed = logs.map((entry) => entry.text.trim());
      for (const layer of base.layers) expect(printed).toContain(layer.name, `the output (looking for "${layer.name}")`);
      base.dispose();
    },
  },
]);
