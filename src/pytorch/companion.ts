/**
 * The PyTorch companion folder (`pytorch/` at the repository root) as the
 * site serves it, computed at build time: the scripts as they are, a Jupyter
 * notebook made from each script's `# %%` cells, and one zip of the folder
 * with the model and data it reads, so it runs offline.
 *
 * Used by <PyTorch> (src/mdx/PyTorch.astro) and src/pages/pytorch/[...path].ts.
 * Node only (build time).
 */
import { crc32 } from '../course/crc32.ts';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { deflateRawSync } from 'node:zlib';

/** The folder, found from the working directory the build runs in (the project root). */
export const PYTORCH_DIR = resolve(process.env.TL_PYTORCH_DIR ?? 'pytorch');
/** Where the ResNet-18 versions live inside it. */
export const RESNET_DIR = 'resnet18';
export const ZIP_NAME = 'transfer-lab-pytorch.zip';
/** The zip's top folder: unpack it, `cd` into it, `python3 pytorch/04_fine_tune.py`. */
const ZIP_ROOT = 'transfer-lab-pytorch';
/** What the scripts read besides the folder itself (paths under the project root). */
const ZIP_ASSETS = ['public/models/fashion-cnn', 'public/data/fashion-mnist', 'public/data/sample-drawings.json'];

/** A script's path inside pytorch/, e.g. "04_fine_tune.py" or "resnet18/04_fine_tune.py". */
export function scriptPath(name: string, resnet = false): string {
  const file = name.endsWith('.py') ? name : `${name}.py`;
  return resnet ? `${RESNET_DIR}/${file}` : file;
}

export function hasScript(path: string): boolean {
  return existsSync(join(PYTORCH_DIR, path));
}

export function readScript(path: string): string {
  const full = join(PYTORCH_DIR, path);
  if (!existsSync(full)) {
    const known = listScripts().join(', ');
    throw new Error(`<PyTorch>: pytorch/${path} does not exist (scripts: ${known}).`);
  }
  return readFileSync(full, 'utf8');
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.name !== '__pycache__' && !entry.name.startsWith('.'))
    .flatMap((entry) => (entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)]))
    .sort();
}

/** Every script the site shows or offers (the twins and the ResNet-18 versions), as paths inside pytorch/. */
export function listScripts(): string[] {
  // A course copied without pytorch/ (a teacher's own) simply has no PyTorch files to serve.
  if (!existsSync(PYTORCH_DIR)) return [];
  return walk(PYTORCH_DIR)
    .map((file) => relative(PYTORCH_DIR, file).split(sep).join('/'))
    .filter((path) => /^(resnet18\/)?\d\d_[a-z0-9_]+\.py$/.test(path));
}

/** The notebook's file name for a script path ("04_fine_tune.py" -> "04_fine_tune.ipynb"). */
export function notebookPath(path: string): string {
  return path.replace(/\.py$/, '.ipynb');
}

interface Cell {
  cell_type: 'markdown' | 'code';
  source: string[];
}

function lines(text: string): string[] {
  const all = text.replace(/\s+$/, '').split('\n');
  return all.map((line, i) => (i < all.length - 1 ? `${line}\n` : line));
}

/** A reStructuredText-ish docstring (title underlined with ===) as Markdown. */
function docstringToMarkdown(doc: string): string {
  const out: string[] = [];
  const rows = doc.split('\n');
  for (let i = 0; i < rows.length; i++) {
    const next = rows[i + 1] ?? '';
    if (/^[=-]{3,}$/.test(next.trim()) && rows[i]!.trim()) {
      out.push(`${next.trim().startsWith('=') ? '#' : '##'} ${rows[i]!.trim()}`);
      i++;
    } else out.push(rows[i]!.replace(/``/g, '`'));
  }
  return out.join('\n').trim();
}

/**
 * Jupyter notebook (nbformat 4) from a script in the jupytext "percent" format: the module
 * docstring becomes the first Markdown cell; each `# %%` starts a cell, and the comment paragraph
 * that opens a cell becomes a Markdown cell above its code.
 */
export function scriptToNotebook(source: string): string {
  const cells: Cell[] = [];
  let body = source;
  const doc = /^\s*"""([\s\S]*?)"""\s*\n/.exec(source);
  if (doc) {
    cells.push({ cell_type: 'markdown', source: lines(docstringToMarkdown(doc[1]!)) });
    body = source.slice(doc[0].length);
  }
  const chunks = body.split(/^# %%.*$/m);
  chunks.forEach((chunk, index) => {
    const rows = chunk.replace(/^\n+/, '').replace(/\s+$/, '').split('\n');
    if (rows.length === 1 && rows[0] === '') return;
    // The comment paragraph that opens a cell (not code that merely starts with a comment line in cell 0).
    let comments = 0;
    if (index > 0) while (comments < rows.length && /^#( |$)/.test(rows[comments]!)) comments++;
    if (comments > 0) {
      const text = rows.slice(0, comments).map((row) => row.replace(/^# ?/, '')).join('\n');
      cells.push({ cell_type: 'markdown', source: lines(text.replace(/``/g, '`')) });
    }
    const code = rows.slice(comments).join('\n').trim();
    if (code) cells.push({ cell_type: 'code', source: lines(code) });
  });
  const notebook = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {
      kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' },
      language_info: { name: 'python' },
      jupytext: { formats: 'ipynb,py:percent' },
    },
    cells: cells.map((cell, i) => ({
      id: `cell-${i}`,
      ...cell,
      metadata: {},
      ...(cell.cell_type === 'code' ? { execution_count: null, outputs: [] } : {}),
    })),
  };
  return `${JSON.stringify(notebook, null, 1)}\n`;
}

// ------------------------------------------------------------------ zip (store/deflate, no dependency)

/** A zip archive (deflated entries, fixed 1980-01-01 timestamps so builds are reproducible). */
export function zip(entries: { path: string; data: Uint8Array }[]): Uint8Array {
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  const DOS_DATE = (0 << 9) | (1 << 5) | 1; // 1980-01-01
  for (const entry of entries) {
    const name = Buffer.from(entry.path, 'utf8');
    const deflated = deflateRawSync(entry.data, { level: 9 });
    const stored = deflated.length >= entry.data.length;
    const body = stored ? Buffer.from(entry.data) : deflated;
    const crc = crc32(entry.data);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(0x0800, 6); // UTF-8 names
    header.writeUInt16LE(stored ? 0 : 8, 8);
    header.writeUInt16LE(0, 10);
    header.writeUInt16LE(DOS_DATE, 12);
    header.writeUInt32LE(crc, 14);
    header.writeUInt32LE(body.length, 18);
    header.writeUInt32LE(entry.data.length, 22);
    header.writeUInt16LE(name.length, 26);
    header.writeUInt16LE(0, 28);
    local.push(header, name, body);
    const record = Buffer.alloc(46);
    record.writeUInt32LE(0x02014b50, 0);
    record.writeUInt16LE(0x0314, 4); // made by: Unix (so the attributes above count), zip 2.0
    record.writeUInt16LE(20, 6);
    record.writeUInt16LE(0x0800, 8);
    record.writeUInt16LE(stored ? 0 : 8, 10);
    record.writeUInt16LE(0, 12);
    record.writeUInt16LE(DOS_DATE, 14);
    record.writeUInt32LE(crc, 16);
    record.writeUInt32LE(body.length, 20);
    record.writeUInt32LE(entry.data.length, 24);
    record.writeUInt16LE(name.length, 28);
    record.writeUInt32LE(0o100644 * 0x10000, 38); // external attributes: a regular file, rw-r--r--
    record.writeUInt32LE(offset, 42);
    central.push(record, name);
    offset += header.length + name.length + body.length;
  }
  const centralSize = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...local, ...central, end]));
}

let cachedZip: Uint8Array | undefined;

/**
 * The whole folder (package, scripts, README, generated notebooks) plus the model and data it
 * reads, laid out as in the repository: `pytorch/` next to `public/`.
 */
export function companionZip(): Uint8Array {
  if (cachedZip) return cachedZip;
  const root = resolve(PYTORCH_DIR, '..');
  const entries: { path: string; data: Uint8Array }[] = [];
  for (const file of walk(PYTORCH_DIR)) {
    const path = `pytorch/${relative(PYTORCH_DIR, file).split(sep).join('/')}`;
    entries.push({ path: `${ZIP_ROOT}/${path}`, data: readFileSync(file) });
  }
  for (const script of listScripts()) {
    entries.push({ path: `${ZIP_ROOT}/pytorch/${notebookPath(script)}`, data: Buffer.from(scriptToNotebook(readScript(script))) });
  }
  for (const asset of ZIP_ASSETS) {
    const full = join(root, asset);
    if (!existsSync(full)) throw new Error(`The PyTorch zip needs ${asset}, which does not exist.`);
    const files = statSync(full).isDirectory() ? walk(full) : [full];
    for (const file of files) entries.push({ path: `${ZIP_ROOT}/${relative(root, file).split(sep).join('/')}`, data: readFileSync(file) });
  }
  cachedZip = zip(entries);
  return cachedZip;
}
