/**
 * Gives Monaco the types of `@tensorflow/tfjs` and `lab`, once per page,
 * after the first editor is on screen: the declarations weigh ~220 KB
 * gzipped, so they must not delay the editor itself. Which files, and where
 * they sit in Monaco's virtual file system: virtual-files.ts.
 */
import { enableTypeChecking, setDeclarations } from '../monaco-setup.ts';
import { declarationFiles } from './virtual-files.ts';

let loaded: Promise<void> | undefined;

export function loadDeclarations(): Promise<void> {
  loaded ??= (async () => {
    await setDeclarations(await declarationFiles());
    await enableTypeChecking();
  })();
  return loaded;
}
