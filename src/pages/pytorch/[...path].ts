/**
 * The PyTorch companion files, written into the built site: every script as
 * it is in pytorch/, its notebook, and the zip of the whole folder (see
 * src/pytorch/companion.ts). Linked from the <PyTorch> panels.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { companionZip, listScripts, notebookPath, readScript, scriptToNotebook, ZIP_NAME } from '../../pytorch/companion.ts';

export const getStaticPaths = (() => [
  ...listScripts().flatMap((script) => [
    { params: { path: script }, props: { kind: 'script', script } },
    { params: { path: notebookPath(script) }, props: { kind: 'notebook', script } },
  ]),
  ...(listScripts().length ? [{ params: { path: ZIP_NAME }, props: { kind: 'zip', script: '' } }] : []),
]) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) => {
  const { kind, script } = props as { kind: 'script' | 'notebook' | 'zip'; script: string };
  if (kind === 'zip') return new Response(companionZip() as BodyInit, { headers: { 'Content-Type': 'application/zip' } });
  if (kind === 'notebook') return new Response(scriptToNotebook(readScript(script)), { headers: { 'Content-Type': 'application/x-ipynb+json' } });
  return new Response(readScript(script), { headers: { 'Content-Type': 'text/x-python; charset=utf-8' } });
};
