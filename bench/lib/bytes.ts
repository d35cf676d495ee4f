/**
 * How many bytes a page transfers, raw and as a static host would send them
 * compressed. The local server sends files uncompressed, so compressed sizes
 * are computed from the built files: gzip at zlib's default level 6 (what
 * nginx, GitHub Pages and most CDNs use for gzip) and brotli at quality 11
 * (what hosts that pre-compress use).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export type ResourceKind = 'js' | 'css' | 'html' | 'font' | 'image' | 'wasm' | 'data' | 'other';

export interface ByteCount {
  raw: number;
  gzip: number;
  brotli: number;
}

export interface Transfer extends ByteCount {
  url: string;
  kind: ResourceKind;
}

const KIND_BY_EXTENSION: Record<string, ResourceKind> = {
  '.js': 'js',
  '.mjs': 'js',
  '.css': 'css',
  '.html': 'html',
  '.ttf': 'font',
  '.woff': 'font',
  '.woff2': 'font',
  '.svg': 'image',
  '.png': 'image',
  '.ico': 'image',
  '.wasm': 'wasm',
  '.json': 'data',
  '.bin': 'data',
};

export function kindOf(url: string): ResourceKind {
  const path = new URL(url).pathname;
  if (path.endsWith('/')) return 'html';
  return KIND_BY_EXTENSION[extname(path)] ?? 'other';
}

const sizeCache = new Map<string, ByteCount>();

/** Raw, gzip and brotli sizes of a file (computed once per file). */
export function fileBytes(file: string): ByteCount {
  let sizes = sizeCache.get(file);
  if (!sizes) {
    const data = readFileSync(file);
    sizes = {
      raw: data.length,
      gzip: gzipSync(data, { level: 6 }).length,
      brotli: brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length } }).length,
    };
    sizeCache.set(file, sizes);
  }
  return sizes;
}

/** The built file a URL of the served site maps to, if any. */
export function distFileFor(url: string, siteUrl: string, distDir: string): string | undefined {
  if (!url.startsWith(siteUrl)) return undefined;
  let path = decodeURIComponent(new URL(url).pathname.slice(new URL(siteUrl).pathname.length));
  if (path === '' || path.endsWith('/')) path += 'index.html';
  const file = normalize(join(distDir, path));
  return existsSync(file) && statSync(file).isFile() ? file : undefined;
}

/** A transfer seen by the browser, sized from the built file (or from the browser's count when it is not one). */
export function transferOf(url: string, siteUrl: string, distDir: string, browserBodyBytes: number): Transfer {
  const file = distFileFor(url, siteUrl, distDir);
  const bytes = file ? fileBytes(file) : { raw: browserBodyBytes, gzip: browserBodyBytes, brotli: browserBodyBytes };
  return { url, kind: kindOf(url), ...bytes };
}

export type BytesByKind = Partial<Record<ResourceKind, ByteCount>> & { total: ByteCount };

export function sumByKind(transfers: readonly Transfer[]): BytesByKind {
  const out: BytesByKind = { total: { raw: 0, gzip: 0, brotli: 0 } };
  for (const t of transfers) {
    const entry = (out[t.kind] ??= { raw: 0, gzip: 0, brotli: 0 });
    for (const target of [entry, out.total]) {
      target.raw += t.raw;
      target.gzip += t.gzip;
      target.brotli += t.brotli;
    }
  }
  return out;
}
