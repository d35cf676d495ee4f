/**
 * Every reference solution is green in the exercise editor: no TypeScript
 * error (syntax or type) in a language service given exactly what Monaco's is
 * given — the same declaration files at the same virtual paths
 * (src/editor/declarations/virtual-files.ts), the same compiler options, the
 * same TypeScript version (Monaco 0.57 bundles 5.9.3, as does node_modules;
 * the first test checks that) — and each solution at the path the editor
 * gives its model (file:///exercises/<lesson>/<exercise>.ts).
 *
 * Run: npx vitest run test/unit/exercise/solutions-typecheck.test.ts
 */
import ts from 'typescript';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EDITOR_COMPILER_OPTIONS, declarationFiles } from '../../../src/editor/declarations/virtual-files.ts';

const LESSONS = 'lessons';

/** lessons/<folder>/solution.ts and lessons/<folder>/<name>.solution.ts, drafts included. */
function solutionFiles(): string[] {
  const found: string[] = [];
  for (const folder of readdirSync(LESSONS, { withFileTypes: true })) {
    if (!folder.isDirectory()) continue;
    for (const file of readdirSync(join(LESSONS, folder.name))) {
      if (file === 'solution.ts' || file.endsWith('.solution.ts')) found.push(join(LESSONS, folder.name, file));
    }
  }
  return found.sort();
}

/** A language service over an in-memory file system: "file:///a/b.ts" is "/a/b.ts" here. */
function languageService(files: Map<string, string>): ts.LanguageService {
  const libDir = dirname(ts.getDefaultLibFilePath({}));
  const read = (path: string): string | undefined =>
    files.get(path) ?? (path.startsWith(libDir) ? ts.sys.readFile(path) : undefined);
  const host: ts.LanguageServiceHost = {
    getCompilationSettings: () => EDITOR_COMPILER_OPTIONS as unknown as ts.CompilerOptions,
    // Like Monaco's worker: every extra lib and every model is a root file.
    getScriptFileNames: () => [...files.keys()],
    getScriptVersion: () => '1',
    getScriptSnapshot: (path) => {
      const text = read(path);
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
    },
    getCurrentDirectory: () => '/',
    getDefaultLibFileName: (options) => ts.getDefaultLibFilePath(options),
    fileExists: (path) => read(path) !== undefined,
    readFile: read,
    directoryExists: (dir) => {
      const prefix = dir.endsWith('/') ? dir : `${dir}/`;
      if (prefix.startsWith(libDir)) return true;
      for (const path of files.keys()) if (path.startsWith(prefix)) return true;
      return false;
    },
    getDirectories: () => [],
  };
  return ts.createLanguageService(host);
}

function describeDiagnostic(file: string, text: string, diagnostic: ts.Diagnostic): string {
  const { line, character } = ts.getLineAndCharacterOfPosition(ts.createSourceFile(file, text, ts.ScriptTarget.ESNext), diagnostic.start ?? 0);
  return `${file}:${line + 1}:${character + 1} ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`;
}

describe('reference solutions in the editor’s TypeScript service', () => {
  const solutions = solutionFiles();
  const modelPath = new Map<string, string>();
  let service: ts.LanguageService;

  beforeAll(async () => {
    const files = new Map<string, string>();
    for (const { filePath, content } of await declarationFiles()) files.set(filePath.replace(/^file:\/\//, ''), content);
    for (const solution of solutions) {
      const [, folder, file] = solution.split('/');
      const lesson = folder!.replace(/^\d+-/, '');
      const exercise = file === 'solution.ts' ? 'main' : file!.replace(/\.solution\.ts$/, '');
      const path = `/exercises/${lesson}/${exercise}.ts`;
      modelPath.set(solution, path);
      files.set(path, readFileSync(solution, 'utf8'));
    }
    service = languageService(files);
  }, 120_000);

  it('uses the TypeScript version Monaco bundles', () => {
    const monacoMeta = readFileSync('node_modules/monaco-editor/esm/vs/languages/features/typescript/lib/typescriptServicesMetadata.js', 'utf8');
    expect(monacoMeta).toContain(`"${ts.version}"`);
  });

  it('finds the solutions and the declarations', () => {
    expect(solutions.length).toBeGreaterThanOrEqual(6);
    // A solution that imports nothing resolvable would be full of errors; make sure resolution works.
    const program = service.getProgram()!;
    expect(program.getSourceFile('/node_modules/lab/index.ts')).toBeDefined();
    expect(program.getSourceFile('/node_modules/@tensorflow/tfjs/dist/index.d.ts')).toBeDefined();
  });

  it.each(solutionFiles())('%s has no TypeScript errors', (solution) => {
    const path = modelPath.get(solution)!;
    const text = readFileSync(solution, 'utf8');
    const errors = [...service.getSyntacticDiagnostics(path), ...service.getSemanticDiagnostics(path)]
      .filter((diagnostic) => diagnostic.category === ts.DiagnosticCategory.Error)
      .map((diagnostic) => describeDiagnostic(solution, text, diagnostic));
    expect(errors).toEqual([]);
  });

  it('would report an error (the check can fail)', () => {
    const path = modelPath.get(solutions[0]!)!;
    const probe = `${path.replace(/\.ts$/, '')}-probe.ts`;
    // Not in the root files: checked on its own through a fresh service with one more file.
    const files = new Map<string, string>([[probe, "import { models } from 'lab';\nconst base = await models.fashionCnn();\nconsole.log(base.layers[0]!.Name);\n"]]);
    const program = service.getProgram()!;
    for (const file of program.getSourceFiles()) if (file.fileName.startsWith('/node_modules/')) files.set(file.fileName, file.text);
    const errors = languageService(files).getSemanticDiagnostics(probe).map((diagnostic) => diagnostic.code);
    expect(errors).toContain(2551); // Property 'Name' does not exist … Did you mean 'name'?
  });
});
