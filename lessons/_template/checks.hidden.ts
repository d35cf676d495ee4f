// Hidden checks: used only by `npm run grade` (teachers regrading collected
// work), never put on the site. Same API as checks.ts.
import { defineChecks, expect } from 'grading';

export default defineChecks([
  {
    title: 'The code does not hard-code the answer',
    test({ source }) {
      expect(/layerCount[^=]*=\s*\d/.test(source)).toBe(false, 'a number typed in for layerCount');
    },
  },
]);
