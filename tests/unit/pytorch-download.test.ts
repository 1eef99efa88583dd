import { describe, expect, it } from 'vitest';
import { unzipSync, strFromU8 } from 'fflate';
import { PytorchDownload, type PytorchPorts } from '$lib/export/pytorch-download.svelte';
import { PRESETS } from '$lib/spec/presets';
import type { GraphSpec, ModelWeights } from '$lib/spec/types';
import { DEFAULT_TRAINING, defaultOptimizer } from '$lib/training/shared/config';
import { DEFAULT_AUGMENT } from '$lib/training/shared/augment';

const CLASSES = 4;
const weight = (name: string, shape: number[]) => ({ name, shape, data: new Float32Array(shape.reduce((a, b) => a * b, 1)) });
/** The MLP preset's weights: 784 → 32 → 4. */
const MLP_WEIGHTS: ModelWeights = {
  hidden: [weight('kernel', [784, 32]), weight('bias', [32])],
  output: [weight('kernel', [32, CLASSES]), weight('bias', [CLASSES])],
};

function setup(spec: GraphSpec | null, weights: () => Promise<ModelWeights> = async () => MLP_WEIGHTS) {
  const downloads: { bytes: Uint8Array; filename: string; type: string }[] = [];
  const ports: PytorchPorts = { weights, download: (bytes, filename, type) => downloads.push({ bytes, filename, type }) };
  const training = { config: { ...DEFAULT_TRAINING, optimizer: defaultOptimizer('lion') }, augment: { ...DEFAULT_AUGMENT, enabled: true } };
  return { downloads, download: new PytorchDownload(() => spec, () => training, ports) };
}

describe('PytorchDownload', () => {
  it('downloads one zip holding the script and its .npz weights side by side', async () => {
    const { download, downloads } = setup(PRESETS.mlp(CLASSES));
    await download.save();
    expect(downloads.map((d) => [d.filename, d.type])).toEqual([['mlp-pytorch.zip', 'application/zip']]);
    const files = unzipSync(downloads[0].bytes);
    expect(Object.keys(files).filter((name) => !name.endsWith('/')).sort()).toEqual(['mlp/mlp.npz', 'mlp/mlp.py']);
    const script = strFromU8(files['mlp/mlp.py']);
    expect(script).toContain('class MLP(nn.Module):');
    // The panel's optimizer (written out: torch 1.13 has no Lion) and augmentation.
    expect(script).toContain('class Lion(torch.optim.Optimizer):');
    expect(script).toContain('            x = augment(x)');
    expect(Object.keys(unzipSync(files['mlp/mlp.npz'])).sort()).toEqual(['hidden.bias.npy', 'hidden.weight.npy', 'output.bias.npy', 'output.weight.npy']);
    expect(download.error).toBeNull();
    expect(download.working).toBe(false);
  });

  it('says why when the weights do not fit the graph, and downloads nothing', async () => {
    const { download, downloads } = setup(PRESETS.mlp(CLASSES), async () => ({ hidden: MLP_WEIGHTS.hidden }));
    await download.save();
    expect(downloads).toEqual([]);
    expect(download.error).toBe('Export failed: Missing weight output/kernel');
  });

  it('does nothing before a run has trained a graph', async () => {
    const { download, downloads } = setup(null);
    await download.save();
    expect(downloads).toEqual([]);
    expect(download.error).toBeNull();
  });
});
