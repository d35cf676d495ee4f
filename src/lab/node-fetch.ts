/**
 * A `fetch` for Node that reads `file://` URLs from disk, so `lab` can load
 * the shipped model and data in tests and scripts:
 *
 *   configureLab({ assetBase: pathToFileURL('public/').href, fetch: fileFetch });
 *
 * Node only: never import this from code that runs in the browser.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

export async function fileFetch(url: string): Promise<Response> {
  if (!url.startsWith('file:')) {
    return globalThis.fetch(url);
  }
  try {
    const bytes = await readFile(fileURLToPath(url));
    return new Response(bytes, { status: 200 });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return new Response(null, { status: code === 'ENOENT' ? 404 : 500, statusText: String(code) });
  }
}
