import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { strFromU8, unzipSync } from 'fflate';
import { appPerTest, screenshot, trainOnCanvas } from './harness';
import { PRESETS } from '$lib/spec/presets';

const PYTHON = process.env.NETLOOM_PYTHON ?? '/usr/bin/python3';
const run = promisify(execFile);

describe('PyTorch export', () => {
  const openApp = appPerTest();

  it('after training ResNet-tiny, "PyTorch (.py + weights)" downloads a zip whose script loads its trained weights in PyTorch', async () => {
    const app = await openApp({ webgpu: false, spec: PRESETS.resnet(4) });
    const { page } = app;
    const button = page.getByTestId('export-pytorch');
    expect(await button.isDisabled()).toBe(true);
    expect(await trainOnCanvas(page, { backend: 'cpu', samples: 80 })).toBe('completed');

    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    expect(download.suggestedFilename()).toBe('resnet_tiny-pytorch.zip');
    const files = unzipSync(readFileSync(await download.path()));
    const script = strFromU8(files['resnet_tiny/resnet_tiny.py']);
    expect(script).toContain('class ResNetTiny(nn.Module):');
    await page.getByTestId('export-pytorch').scrollIntoViewIfNeeded();
    await screenshot(page, 'export-panel-pytorch');

    // The weights the browser trained load into the model (the loader refuses any missing or extra tensor) and it classifies.
    const dir = mkdtempSync(join(tmpdir(), 'netloom-pytorch-e2e-'));
    try {
      writeFileSync(join(dir, 'resnet_tiny.py'), script);
      writeFileSync(join(dir, 'resnet_tiny.npz'), files['resnet_tiny/resnet_tiny.npz']);
      const { stdout } = await run(PYTHON, [join(dir, 'resnet_tiny.py')], { cwd: dir });
      expect(stdout).toMatch(/^tensor\(\[\[/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(app.errors).toEqual([]);
  });
});
