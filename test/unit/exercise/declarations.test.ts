import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  collectTfjsDeclarationPaths,
  generatedFile,
  renderGeneratedModule,
  tfjsVersion,
} from '../../../src/editor/declarations/generate.ts';

describe('editor declarations for @tensorflow/tfjs', () => {
  it('list every file reachable from the installed tfjs (run the generator when this fails)', () => {
    const paths = collectTfjsDeclarationPaths();
    expect(paths.length).toBeGreaterThan(100);
    expect(paths).toContain('/node_modules/@tensorflow/tfjs/dist/index.d.ts');
    expect(paths).toContain('/node_modules/@tensorflow/tfjs-layers/dist/index.d.ts');
    expect(paths.some((path) => path.includes('@webgpu'))).toBe(false);
    const expected = renderGeneratedModule(paths, tfjsVersion());
    expect(
      readFileSync(generatedFile, 'utf8'),
      'src/editor/declarations/tfjs-files.generated.ts is stale: run `npx node src/editor/declarations/generate.ts`',
    ).toBe(expected);
  });
});
