import { defineChecks, expect } from 'grading';
import { models } from 'lab';

/** Failed runs after which the names the check wants are shown (before that, only the gap). */
const REVEAL_NAMES_AFTER = 3;

async function shippedLayerNames(): Promise<string[]> {
  const base = await models.fashionCnn();
  const names = base.layers.map((layer) => layer.name);
  base.dispose();
  return names;
}

export default defineChecks([
  {
    title: 'layerNames lists every layer of the model, in order',
    hint: '`base.layers` is an array of layers; `.map(...)` turns it into an array of their names.',
    async test({ exports }) {
      const names = expect.exported(exports, 'layerNames', 'a list of layer names');
      // The list itself is the answer: the learner reads the gap ("expected 9 items starting with
      // "conv1", got 0 items") until they have failed this check a few times.
      expect(names).toEqual(await shippedLayerNames(), { what: 'layerNames', reveal: REVEAL_NAMES_AFTER });
    },
  },
  {
    title: 'Every layer name was printed',
    hint: 'Print each name with console.log, e.g. in a for…of loop.',
    async test({ logs }) {
      // One console.log per name, or all of them in one console.log with a name per line: both print them.
      const printed = logs.flatMap((entry) => entry.text.split('\n').map((line) => line.trim()));
      const missing = (await shippedLayerNames()).filter((name) => !printed.includes(name));
      expect(missing.length).toBe(0, 'layer names not printed on a line of their own');
    },
  },
]);
