// Checks run after the learner's code, in the same sandbox, and see what it
// produced: its exports, every fit call's history, its console output, its
// source, tf and lab. The API is documented in src/grading/README.md.
import { defineChecks, expect } from 'grading';
import { models } from 'lab';

export default defineChecks([
  {
    // The learner reads the title next to a tick or a cross.
    title: 'layerCount is the number of layers of the model',
    // Shown on failure, behind a "Hint" disclosure.
    hint: 'Use base.layers.length.',
    async test({ exports }) {
      // Fails with "Your code should export `layerCount` …" when it is missing.
      const count = expect.exported<number>(exports, 'layerCount', 'the number of layers');
      const reference = await models.fashionCnn();
      try {
        // The label names the value in the failure message: "layerCount: expected 9, got 0".
        expect(count).toBe(reference.layers.length, 'layerCount');
      } finally {
        reference.dispose();
      }
    },
  },
  {
    title: 'The count is printed',
    hint: 'console.log it.',
    test({ logs }) {
      expect(logs.some((entry) => /\d+ layers/.test(entry.text))).toBe(true, 'a line like "The model has 9 layers."');
    },
  },
]);
