/**
 * A plain static file server for the built site, the way any static host
 * serves it: no special headers (no COOP/COEP) unless asked for, the site
 * optionally under a base path. Used by the browser tests, the grader and the benchmark.
 */
import { createServer, type Server } from 'node:http';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.wasm': 'application/wasm',
  '.bin': 'application/octet-stream',
  '.txt': 'text/plain; charset=utf-8',
  '.ttf': 'font/ttf',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
};

export interface StaticServer {
  /** Origin plus base path, ending with "/": e.g. http://127.0.0.1:4321/ml-course/ */
  url: string;
  origin: string;
  close(): Promise<void>;
}

export interface StaticServerOptions {
  dir: string;
  base?: string;
  port?: number;
  /** Host name to listen on (default 127.0.0.1); tests use "localhost" for a second origin. */
  host?: string;
  /** Extra headers on every response, e.g. a host that sends COOP/COEP itself, or CORS for a teacher's model host. */
  headers?: Record<string, string>;
}

export async function startStaticServer(options: StaticServerOptions): Promise<StaticServer> {
  const root = resolve(options.dir);
  const base = options.base ?? '/';
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    let path = decodeURIComponent(url.pathname);
    if (!path.startsWith(base)) return notFound(res, root);
    path = path.slice(base.length);
    let file = normalize(join(root, path));
    if (!file.startsWith(root)) return notFound(res, root);
    if (existsSync(file) && statSync(file).isDirectory()) {
      if (!url.pathname.endsWith('/')) {
        res.writeHead(301, { location: `${url.pathname}/${url.search}` });
        return res.end();
      }
      file = join(file, 'index.html');
    }
    if (!existsSync(file)) return notFound(res, root);
    res.writeHead(200, {
      ...options.headers,
      'content-type': MIME[extname(file)] ?? 'application/octet-stream',
      'content-length': statSync(file).size,
      'cache-control': 'no-cache',
    });
    if (req.method === 'HEAD') return res.end();
    createReadStream(file).pipe(res);
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((ok) => server.listen(options.port ?? 0, host === 'localhost' ? '127.0.0.1' : host, ok));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('Server has no port');
  const origin = `http://${host}:${address.port}`;
  return {
    origin,
    url: `${origin}${base}`,
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}

function notFound(res: import('node:http').ServerResponse, root: string) {
  const page = join(root, '404.html');
  res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
  if (existsSync(page)) createReadStream(page).pipe(res);
  else res.end('Not found');
}

// `node scripts/static-server.ts [dir] [base]`: serve a build by hand.
if (import.meta.url === `file://${process.argv[1]}`) {
  const server = await startStaticServer({ dir: process.argv[2] ?? 'dist', base: process.argv[3] ?? '/', port: Number(process.env.PORT ?? 4321) });
  console.log(`Serving ${process.argv[2] ?? 'dist'} at ${server.url}`);
}
