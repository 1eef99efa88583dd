import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page, type PageScreenshotOptions } from 'playwright-core';
import { afterAll, afterEach, expect } from 'vitest';
import { preview, type PreviewServer } from 'vite';
import { shareHash } from '$lib/share/url';
import type { GraphSpec } from '$lib/spec/types';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The build the tests serve: `NETLOOM_DIST` points at another folder (`vite build --outDir …`). */
export const DIST = process.env.NETLOOM_DIST ?? 'dist';

/** Where screenshots go: never a tracked file. */
export const ARTIFACTS = 'test-results';

/**
 * Chromium's fake camera (a moving test pattern); its fake permission prompt answers for the
 * user: `allow` grants, `deny` refuses as a person clicking "Block" would.
 */
function cameraArgs(camera: 'allow' | 'deny' | undefined): string[] {
  if (!camera) return [];
  return ['--use-fake-device-for-media-stream', camera === 'allow' ? '--use-fake-ui-for-media-stream' : '--use-fake-ui-for-media-stream=deny'];
}

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
 * Serves the production build on 127.0.0.1; shared by all tests of a file (it holds no state a test
 * could leave behind). `NETLOOM_DIST` lets two checkouts' tests run side by side.
 */
export async function serveBuild(): Promise<string> {
  server ??= await preview({ build: { outDir: DIST }, preview: { host: '127.0.0.1', port: 0, strictPort: false }, logLevel: 'warn' });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report a URL');
  return url;
}

export async function stopServer(): Promise<void> {
  await server?.close();
  server = undefined;
}

export interface OpenOptions {
  /** Start Chromium with WebGPU (SwiftShader); without it `requestAdapter()` returns null. Default true. */
  webgpu?: boolean;
  /** Give the page Chromium's fake camera, with the permission granted or denied. Default: no camera flags. */
  camera?: 'allow' | 'deny';
  /** Path (and hash) to open, relative to the app's origin. Default `/`. */
  path?: string;
  /** Reuse a profile (IndexedDB, localStorage) instead of a fresh temporary one. */
  userDataDir?: string;
  /** A graph to start from instead of the default model, opened as a share link would be. */
  spec?: GraphSpec;
  /** The app served by the test itself (e.g. a copy of the build it changes) instead of the shared build. */
  origin?: string;
  /**
   * Let the app install its service worker. Off by default: it precaches ~37 MB on first load,
   * which every fresh profile would pay; the offline tests turn it on.
   */
  serviceWorker?: boolean;
  /** The browser's language (navigator.languages, Accept-Language), e.g. 'zh-CN'. Default: Chromium's own, English here. */
  locale?: string;
}

/**
 * A fresh browser (own profile, so no autosave or checkpoint from another test) on the app, with
 * the editor drawn and, when `spec` is given, that graph on the canvas.
 */
export async function openApp(options: OpenOptions = {}): Promise<App> {
  const url = options.origin ?? (await serveBuild());
  const ownDir = !options.userDataDir;
  const dir = options.userDataDir ?? mkdtempSync(join(tmpdir(), 'netloom-e2e-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [...chromiumArgs(options.webgpu ?? true), ...cameraArgs(options.camera)],
    viewport: { width: 1440, height: 960 },
    acceptDownloads: true,
    serviceWorkers: options.serviceWorker ? 'allow' : 'block',
    locale: options.locale,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  const requests: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  const target = new URL(options.path ?? '/', url);
  if (options.spec) target.hash = shareHash(options.spec);
  await page.goto(target.href);
  await page.getByTestId('node-input').waitFor();
  if (options.spec) {
    // A reused profile holds the user's own graph: the app then asks before replacing it.
    const open = page.getByTestId('shared-graph-open');
    if (await open.isVisible()) await open.click();
    await showsGraph(page, options.spec);
  }
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

/**
 * Call inside a `describe`: returns `openApp` for its tests, and closes every app a test opened
 * once that test ends (pass or fail), so the next test starts from a fresh browser whatever the order.
 */
export function appPerTest(): (options?: OpenOptions) => Promise<App> {
  const open: App[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((app) => app.close()));
  });
  afterAll(stopServer);
  return async (options) => {
    const app = await openApp(options);
    open.push(app);
    return app;
  };
}

export interface TrainOptions {
  backend: 'webgpu' | 'webgl' | 'wasm' | 'cpu';
  /** Left as it is when absent (a user's dataset trains on all it holds). */
  samples?: number;
  epochs?: number;
  learningRate?: number;
}

/**
 * Trains the graph on the canvas with the given settings and waits for this run's result (a
 * result still on screen is the previous run's, so it must go first). Returns the outcome.
 */
export async function trainOnCanvas(page: Page, { backend, samples, epochs = 1, learningRate }: TrainOptions): Promise<string | null> {
  await page.getByTestId('backend-choice').selectOption(backend);
  await page.getByTestId('epochs').fill(String(epochs));
  if (samples !== undefined) await page.getByTestId('samples').fill(String(samples));
  if (learningRate !== undefined) await page.getByTestId('learning-rate').fill(String(learningRate));
  await page.getByTestId('train').click();
  await page.getByTestId('train-result').waitFor({ state: 'detached' });
  await page.getByTestId('train-result').waitFor({ timeout: 240_000 });
  return page.getByTestId('train-result').getAttribute('data-outcome');
}

/** Saves a screenshot under test-results/ (Playwright creates the folder). */
export async function screenshot(page: Page, name: string, options: Omit<PageScreenshotOptions, 'path'> = {}): Promise<void> {
  await page.screenshot({ ...options, path: `${ARTIFACTS}/${name}.png` });
}

/** Waits until the canvas holds exactly the layers of `spec`. */
async function showsGraph(page: Page, spec: GraphSpec): Promise<void> {
  const ids = spec.nodes.map((n) => n.id).sort();
  await expect
    .poll(() => page.locator('[data-testid^="node-"][data-kind]').evaluateAll((cards) => cards.map((c) => c.getAttribute('data-testid')!.slice(5)).sort()))
    .toEqual(ids);
}

/**
 * Resolves once the element's attribute has kept one value for `quietMs`, and returns it: for a
 * stream of updates that should stop (a paused run). Fails after `timeoutMs` if it never settles.
 */
export async function settledAttribute(page: Page, testid: string, name: string, quietMs: number, timeoutMs = 30_000): Promise<string | null> {
  return page.getByTestId(testid).evaluate(
    (el, { name, quietMs, timeoutMs }) =>
      new Promise<string | null>((resolve, reject) => {
        let value = el.getAttribute(name);
        let quiet = setTimeout(done, quietMs);
        // Re-setting the same value is a mutation too; only a new value restarts the quiet period.
        const observer = new MutationObserver(() => {
          if (el.getAttribute(name) === value) return;
          value = el.getAttribute(name);
          clearTimeout(quiet);
          quiet = setTimeout(done, quietMs);
        });
        const give = setTimeout(() => {
          observer.disconnect();
          reject(new Error(`${name} still changing after ${timeoutMs} ms`));
        }, timeoutMs);
        function done() {
          observer.disconnect();
          clearTimeout(give);
          resolve(value);
        }
        observer.observe(el, { attributes: true, attributeFilter: [name] });
      }),
    { name, quietMs, timeoutMs },
  );
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
