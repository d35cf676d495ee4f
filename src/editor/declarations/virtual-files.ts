/**
 * The files Monaco's TypeScript service sees besides the learner's code, laid
 * out as if installed: file:///node_modules/@tensorflow/tfjs-core/dist/…, an
 * index.d.ts per tfjs package pointing at its dist/index.d.ts (Monaco cannot
 * read package.json "types" fields), and lab's source as
 * file:///node_modules/lab/…. Pure (no Monaco), so a unit test can give the
 * very same files to TypeScript's language service in Node
 * (test/unit/exercise/solutions-typecheck.test.ts).
 */

export interface VirtualFile {
  filePath: string;
  content: string;
}

/** Licence headers repeat in every tfjs file; the TS worker need not parse them 500 times. */
function withoutLicence(text: string): string {
  return text.replace(/^\/\*\*?\s*\n\s*\*\s*@license[\s\S]*?\*\/\s*/, '');
}

export async function declarationFiles(): Promise<VirtualFile[]> {
  const [tfjs, lab] = await Promise.all([import('./tfjs-files.generated.ts'), import('./lab-files.ts')]);
  const files: VirtualFile[] = [];
  for (const [path, content] of Object.entries(tfjs.TFJS_DECLARATIONS)) {
    files.push({ filePath: `file://${path}`, content: withoutLicence(content) });
  }
  for (const name of tfjs.TFJS_PACKAGES) {
    files.push({ filePath: `file:///node_modules/${name}/index.d.ts`, content: "export * from './dist/index';\n" });
  }
  for (const [path, content] of Object.entries(lab.LAB_SOURCES)) {
    files.push({ filePath: `file:///node_modules/lab/${path.slice(lab.LAB_ROOT.length)}`, content });
  }
  return files;
}

/**
 * The editor's compiler options (monaco-setup.ts gives them to Monaco), as
 * TypeScript's own enum numbers so this module needs neither Monaco nor `typescript`.
 */
export const EDITOR_COMPILER_OPTIONS = {
  target: 99 /* ScriptTarget.ESNext */,
  module: 99 /* ModuleKind.ESNext */,
  moduleResolution: 2 /* ModuleResolutionKind.NodeJs (node10) */,
  // Learner code uses top-level await; every editor model is its own module.
  moduleDetection: 3 /* ModuleDetectionKind.Force */,
  strict: true,
  noEmit: true,
  // lab's source (given to Monaco as-is) imports its files with .ts extensions.
  allowImportingTsExtensions: true,
  esModuleInterop: true,
  skipLibCheck: true,
} as const;
