/**
 * ONNX files exported by PyTorch itself (Debian's python3-torch 1.13, as CI installs it), for
 * tests of foreign models: the interpreter runs a script that writes into a directory.
 */
import { execFileSync } from 'node:child_process';

export const PYTHON = process.env.NETLOOM_PYTHON ?? '/usr/bin/python3';

/** Whether the interpreter has torch; tests that need it are skipped otherwise. */
export const hasTorch: boolean = (() => {
  try {
    execFileSync(PYTHON, ['-c', 'import torch'], { stdio: 'ignore', timeout: 60_000 });
    return true;
  } catch {
    return false;
  }
})();

/** Runs `script` with `dir` as its first argument. */
export function runTorch(script: string, dir: string): void {
  execFileSync(PYTHON, ['-c', script, dir], { timeout: 120_000 });
}

/**
 * LeNet-5 as PyTorch people write it (BatchNorm after the first conv, ReLU6, the 6 → 16 conv that
 * ORT's `/webgpu` build gets wrong), exported in eval mode with PyTorch's defaults (BN folded,
 * batch fixed at the example's 1, opset 17) to `<dir>/lenet-torch.onnx`.
 */
export const TORCH_LENET = `
import sys, torch, torch.nn as nn
torch.manual_seed(0)
m = nn.Sequential(
    nn.Conv2d(1, 6, 5, padding=2), nn.BatchNorm2d(6), nn.ReLU6(), nn.MaxPool2d(2),
    nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
    nn.Linear(400, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, 10))
m.eval()
torch.onnx.export(m, torch.rand(1, 1, 28, 28), f'{sys.argv[1]}/lenet-torch.onnx', opset_version=17, input_names=['x'], output_names=['logits'])
`;
