/**
 * Build time: the values a lesson's checks.ts defines once, for the prose
 * (`<CheckValue name="ACCURACY_THRESHOLD" as="percent" />` -> "60%"). The
 * checks file is parsed, never run: a value is a top-level `const` whose
 * initialiser is a literal (a number, a string, `-0.5`, `1_000`, `… as const`).
 * Every mistake names the lesson file, the checks file and what it has.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

export type CheckValueFormat = 'number' | 'percent' | 'text';

export class CheckValueError extends Error {
  override name = 'CheckValueError';
}

/** The checks file of `exercise` in `lessonDir` (or of the lesson's only exercise). */
export function checksFileOf(lessonDir: string, exercise?: string): string {
  const lessonFile = shown(join(lessonDir, 'index.mdx'));
  if (exercise !== undefined) {
    const named = join(lessonDir, `${exercise}.checks.ts`);
    if (existsSync(named)) return named;
    const plain = join(lessonDir, 'checks.ts');
    if (existsSync(plain)) return plain;
    throw new CheckValueError(`${lessonFile}: <CheckValue exercise="${exercise}" />: found neither ${shown(named)} nor ${shown(plain)}.`);
  }
  const plain = join(lessonDir, 'checks.ts');
  if (existsSync(plain)) return plain;
  const named = readdirSync(lessonDir).filter((file) => file.endsWith('.checks.ts'));
  if (named.length === 1) return join(lessonDir, named[0]!);
  throw new CheckValueError(
    named.length === 0
      ? `${lessonFile}: <CheckValue>: this lesson has no checks.ts to read the value from.`
      : `${lessonFile}: <CheckValue>: this lesson has several checks files (${named.join(', ')}): say which with exercise="…".`,
  );
}

/** Every top-level `const NAME = <literal>` of a checks file. */
export function readCheckValues(checksFile: string): Map<string, number | string> {
  const source = ts.createSourceFile(checksFile, readFileSync(checksFile, 'utf8'), ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const values = new Map<string, number | string>();
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement) || !(statement.declarationList.flags & ts.NodeFlags.Const)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (!ts.isIdentifier(declaration.name) || !declaration.initializer) continue;
      const value = literalOf(declaration.initializer);
      if (value !== undefined) values.set(declaration.name.text, value);
    }
  }
  return values;
}

/** The text `<CheckValue>` renders: 0.6 as percent -> "60%", 0.001 -> "0.001", 1000 -> "1,000". */
export function formatCheckValue(value: number | string, as: CheckValueFormat = 'number'): string {
  if (typeof value === 'string') return value;
  if (as === 'percent') return `${Number((value * 100).toPrecision(4)).toLocaleString('en')}%`;
  if (as === 'text') return String(value);
  return value.toLocaleString('en', { maximumSignificantDigits: 21 });
}

/** Reads one value for a lesson's prose, or throws a CheckValueError naming the lesson. */
export function checkValue(lessonDir: string, name: string, options: { exercise?: string; as?: CheckValueFormat } = {}): string {
  const lessonFile = shown(join(lessonDir, 'index.mdx'));
  if (options.as !== undefined && !['number', 'percent', 'text'].includes(options.as)) {
    throw new CheckValueError(`${lessonFile}: <CheckValue name="${name}" as="${options.as}" />: as is "number", "percent" or "text".`);
  }
  const file = checksFileOf(lessonDir, options.exercise);
  const values = readCheckValues(file);
  const value = values.get(name);
  if (value === undefined) {
    const known = [...values.keys()];
    throw new CheckValueError(
      `${lessonFile}: <CheckValue name="${name}" />: ${shown(file)} has no top-level \`const ${name} = <number or text>\`. ` +
        (known.length ? `It has: ${known.join(', ')}.` : 'It defines no such values.'),
    );
  }
  if (options.as === 'percent' && typeof value !== 'number') {
    throw new CheckValueError(`${lessonFile}: <CheckValue name="${name}" as="percent" />: ${name} is a text, not a number.`);
  }
  return formatCheckValue(value, options.as);
}

function literalOf(node: ts.Expression): number | string | undefined {
  if (ts.isAsExpression(node) || ts.isParenthesizedExpression(node) || ts.isSatisfiesExpression(node)) return literalOf(node.expression);
  if (ts.isNumericLiteral(node)) return Number(node.text);
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(node.operand)) {
    return -Number(node.operand.text);
  }
  return undefined;
}

function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith('..') ? path : rel;
}
