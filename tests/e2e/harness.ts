import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { preview, type PreviewServer } from 'vite';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags from shared/notes/browser-testing.md: quiet networking, and WebGPU on SwiftShader when asked. */
function chromiumArgs(webgpu: boolean): string[] {
  return [
    '--no-sandbox',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
    ...(webgpu ? ['--enable-unsafe-webgpu'] : []),
  ];
}

export interface App {
  url: string;
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught exceptions seen so far: a working app has none. */
  errors: string[];
  /** Every URL the page and its workers requested: all must be the app's own origin (no CDN). */
  requests: string[];
  close(): Promise<void>;
}

let server: PreviewServer | undefined;

/**
 * Serves the production build on 127.0.0.1; shared by all tests of a file. `NETLOOM_DIST` points
 * at another build folder (`vite build --outDir …`), so two checkouts' tests can run side by side.
 */
export async function serveBuild(): Promise<string> {
  const outDir = process.env.NETLOOM_DIST ?? 'dist';
  server ??= await preview({ build: { outDir }, preview: { host: '127.0.0.1', port: 0, strictPort: false }, logLevel: 'warn' });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report a URL');
  return url;
}

export async function stopServer(): Promise<void> {
  await server?.close();
  server = undefined;
}

export async function openApp(options: { webgpu?: boolean; path?: string; userDataDir?: string } = {}): Promise<App> {
  const url = await serveBuild();
  const ownDir = !options.userDataDir;
  const dir = options.userDataDir ?? mkdtempSync(join(tmpdir(), 'netloom-e2e-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    args: chromiumArgs(options.webgpu ?? true),
    viewport: { width: 1440, height: 960 },
    acceptDownloads: true,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  const requests: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  await page.goto(new URL(options.path ?? '/', url).href);
  await page.getByTestId('node-input').waitFor();
  return {
    url,
    context,
    page,
    errors,
    requests,
    close: async () => {
      await context.close();
      if (ownDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Drags from one element's centre to another's with real mouse moves, as a person wires a graph. */
export async function dragBetween(page: Page, from: string, to: string): Promise<void> {
  const a = await page.locator(from).boundingBox();
  const b = await page.locator(to).boundingBox();
  if (!a || !b) throw new Error(`cannot drag ${from} → ${to}: not visible`);
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2 + a.width / 2, (a.y + b.y) / 2 + a.height / 2, { steps: 5 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 5 });
  await page.mouse.up();
}

/** Clicks "Run in ONNX Runtime" and checks both ORT-web providers ran and agree with tfjs to 1e-4. */
export async function expectOnnxParity(page: Page): Promise<void> {
  await page.getByTestId('verify-onnx').click();
  const table = page.getByTestId('parity-table');
  await table.waitFor({ timeout: 120_000 });
  for (const provider of ['wasm', 'webgpu']) {
    const diff = await table.locator(`tr[data-provider="${provider}"]`).getAttribute('data-max-diff');
    expect(diff, `${provider} ran`).not.toBe('');
    expect(Number(diff), provider).toBeLessThanOrEqual(1e-4);
  }
}
