/** Points `lab` at this checkout's public/ folder through the Node file fetch. */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { configureLab } from 'lab';
import { fileFetch } from '../../../src/lab/node-fetch.ts';

export const PUBLIC_DIR = resolve(import.meta.dirname, '../../../public');
export const ASSET_BASE = pathToFileURL(PUBLIC_DIR + '/').href;

export function configureLabForNode(): void {
  configureLab({ assetBase: ASSET_BASE, fetch: fileFetch });
}
