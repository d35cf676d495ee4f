/**
 * The machine and software a result was measured on: without these, a
 * number in results.json means nothing a week later.
 */
import { execSync } from 'node:child_process';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import type { Browser } from 'playwright-core';

export interface MachineInfo {
  cores: number;
  cpuModel: string;
  memoryGB: number;
  /** 1-minute load average when the bench started and ended: above the core count, other work competed for the CPU. */
  loadAverageStart: number;
  loadAverageEnd?: number;
  node: string;
  browser: string;
  /** The WebGL renderer a worker gets (SwiftShader = software, no GPU). */
  webglRenderer?: string;
  tfjs: string;
  commit: string;
}

export function machineInfo(browserVersion: string): MachineInfo {
  return {
    cores: availableParallelism(),
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGB: Math.round((totalmem() / 1e9) * 10) / 10,
    loadAverageStart: Math.round(loadavg()[0]! * 100) / 100,
    node: process.version,
    browser: `Chromium ${browserVersion}`,
    tfjs: tfjsVersion(),
    commit: gitCommit(),
  };
}

export function currentLoadAverage(): number {
  return Math.round(loadavg()[0]! * 100) / 100;
}

function tfjsVersion(): string {
  try {
    return (JSON.parse(execSync('npm ls @tensorflow/tfjs --json --depth=0', { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })) as {
      dependencies?: Record<string, { version?: string }>;
    }).dependencies?.['@tensorflow/tfjs']?.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

function gitCommit(): string {
  try {
    const head = execSync('git rev-parse --short HEAD', { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = execSync('git status --porcelain --untracked-files=no', { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() !== '';
    return dirty ? `${head} (with uncommitted changes)` : head;
  } catch {
    return 'unknown';
  }
}

/** Asks a dedicated worker of the site what WebGL renderer it gets (the sandbox trains in a worker). */
export async function webglRenderer(browser: Browser, siteUrl: string): Promise<string> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(siteUrl);
    return await page.evaluate(async () => {
      const source = `
        const canvas = new OffscreenCanvas(1, 1);
        const gl = canvas.getContext('webgl2') || canvas.getContext('webgl');
        let name = 'no WebGL';
        if (gl) {
          const info = gl.getExtension('WEBGL_debug_renderer_info');
          name = info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER);
        }
        postMessage(String(name));`;
      const worker = new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })));
      return new Promise<string>((resolve) => {
        worker.onmessage = (event) => {
          resolve(String(event.data));
          worker.terminate();
        };
        worker.onerror = () => resolve('unknown (worker failed)');
      });
    });
  } finally {
    await context.close();
  }
}
