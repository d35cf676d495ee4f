/**
 * Gives Monaco the types of `@tensorflow/tfjs` and `lab`, once per page,
 * after the first editor is on screen: the declarations weigh ~220 KB
 * gzipped, so they must not delay the editor itself.
 *
 * Monaco's TypeScript worker resolves imports like Node does, inside a
 * virtual file system of "extra libs". We lay the files out as if installed:
 * file:///node_modules/@tensorflow/tfjs-core/dist/…, plus an index.d.ts per
 * package pointing at its dist/index.d.ts (Monaco cannot read package.json
 * "types" fields), and lab's source as file:///node_modules/lab/….
 */
import { enableTypeChecking, setDeclarations } from '../monaco-setup.ts';

let loaded: Promise<void> | undefined;

/** Licence headers repeat in every tfjs file; the TS worker need not parse them 500 times. */
function withoutLicence(text: string): string {
  return text.replace(/^\/\*\*?\s*\n\s*\*\s*@license[\s\S]*?\*\/\s*/, '');
}

export function loadDeclarations(): Promise<void> {
  loaded ??= (async () => {
    const [tfjs, lab] = await Promise.all([import('./tfjs-files.generated.ts'), import('./lab-files.ts')]);
    const files: { filePath: string; content: string }[] = [];
    for (const [path, content] of Object.entries(tfjs.TFJS_DECLARATIONS)) {
      files.push({ filePath: `file://${path}`, content: withoutLicence(content) });
    }
    for (const name of tfjs.TFJS_PACKAGES) {
      files.push({ filePath: `file:///node_modules/${name}/index.d.ts`, content: "export * from './dist/index';\n" });
    }
    for (const [path, content] of Object.entries(lab.LAB_SOURCES)) {
      files.push({ filePath: `file:///node_modules/lab/${path.slice(lab.LAB_ROOT.length)}`, content });
    }
    setDeclarations(files);
    enableTypeChecking();
  })();
  return loaded;
}
