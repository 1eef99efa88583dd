/**
 * A graph and its trained weights as a PyTorch project a user can take elsewhere: one Python
 * script (the nn.Module, a weight loader, a data-loader stub and NetLoom's training loop with the
 * run's settings) and the weights as a NumPy `.npz` the script loads. The module computes what
 * the tfjs model computes, in PyTorch's NCHW layout (checked by tests/unit/pytorch-export.test.ts).
 */
import { foldGraph } from '$lib/spec/graph';
import { endsInSoftmax } from '$lib/spec/io';
import type { GraphSpec, ModelWeights } from '$lib/spec/types';
import { DEFAULT_TRAINING, type TrainingConfig } from '$lib/training/shared/config';
import { DEFAULT_AUGMENT, type AugmentConfig } from '$lib/training/shared/augment';
import { lowerNode, type Helper, type Value } from './layers';
import { npz, type NpyArray } from './npz';
import { className, commentText, Identifiers, moduleName, num, str, tuple } from './python';
import { settingsCode, trainingCode } from './training-code';

export interface PytorchExport {
  /** Python source of `<fileStem>.py`. */
  script: string;
  /** `<fileStem>.npz`, which the script loads from beside itself. */
  weights: Uint8Array;
  /** File name stem shared by both files, also the module name to import the script as. */
  fileStem: string;
  /** Name of the nn.Module class in the script. */
  className: string;
}

const HELPERS: Record<Helper, string> = {
  avg_pool_same: `

def avg_pool_same(x, kernel, stride, pads):
    """Average pooling with TF's lopsided 'same' padding, averaging over real pixels only (the padding is not counted)."""
    ones = torch.ones_like(x[:, :1])
    return F.avg_pool2d(F.pad(x, pads), kernel, stride) / F.avg_pool2d(F.pad(ones, pads), kernel, stride)`,
};

interface ModuleParts {
  init: string[];
  forward: string[];
  tensors: Record<string, NpyArray>;
  helpers: Set<Helper>;
  input: Value;
  output: Value;
}

/** Walks the graph once, collecting constructor lines, forward() lines and state_dict tensors. */
function moduleParts(spec: GraphSpec, weights: ModelWeights): ModuleParts {
  const names = new Identifiers();
  const parts = { init: [] as string[], forward: [] as string[], tensors: {} as Record<string, NpyArray>, helpers: new Set<Helper>() };
  const { input, output } = foldGraph<Value>(
    spec,
    (node) => ({ name: names.take(node.id), shape: [node.params.height, node.params.width, node.params.channels] }),
    (node, args) => {
      const name = names.take(node.id);
      const lowered = lowerNode(node, args, name, weights);
      if (lowered.init) parts.init.push(lowered.init);
      for (const [key, tensor] of Object.entries(lowered.tensors)) parts.tensors[`${name}.${key}`] = tensor;
      for (const helper of lowered.helpers ?? []) parts.helpers.add(helper);
      parts.forward.push(`${name} = ${lowered.expr}`);
      return { name, shape: lowered.shape };
    },
  );
  return { ...parts, input, output };
}

/** Standard-library imports the generated code needs, beyond argparse and pathlib. */
function stdlibImports(parts: ModuleParts, config: TrainingConfig): string {
  const math = config.schedule.base.kind === 'step' || config.schedule.base.kind === 'cosine';
  return [
    config.earlyStopping.enabled && 'import copy\n',
    math && 'import math\n',
    parts.init.some((line) => line.includes('OrderedDict(')) && 'from collections import OrderedDict\n',
  ]
    .filter(Boolean)
    .join('');
}

function header(spec: GraphSpec, stem: string, cls: string, parts: ModuleParts, config: TrainingConfig, probabilities: boolean): string {
  const [h, w, c] = parts.input.shape;
  const outputs = parts.output.shape;
  const produces = outputs.length === 1 ? `${probabilities ? 'class probabilities' : 'class scores (logits)'} [batch, ${outputs[0]}]` : `[batch, ${[...outputs.slice(2), ...outputs.slice(0, 2)].join(', ')}]`;
  return `#!/usr/bin/env python3
"""${commentText(spec.name).replace(/"""|\\/g, '')}: a model exported from NetLoom as PyTorch.

Files: ${stem}.py (this script) and ${stem}.npz (the trained weights, PyTorch layout, state_dict names).
  python3 ${stem}.py            loads ${stem}.npz and classifies a random batch
  python3 ${stem}.py --train    trains with NetLoom's settings below on load_data() (a stub: put your data there)
  python3 ${stem}.py --smoke    one training step on random data, to check that everything runs here
In code: \`from ${stem} import load_model; model = load_model().eval()\`.

${cls} takes float32 images [batch, ${c}, ${h}, ${w}] (NCHW) with pixels in [0, 1], as NetLoom feeds them,
and returns ${produces}. NetLoom computes channels-last; this module does the
same arithmetic in PyTorch's channels-first order (Flatten and Reshape read pixels in NetLoom's order).
"""
import argparse
${stdlibImports(parts, config)}from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

MODEL_NAME = ${str(spec.name)}
INPUT_SHAPE = ${tuple([c, h, w])}  # channels, height, width
NUM_CLASSES = ${num(outputs[outputs.length - 1])}
WEIGHTS = Path(__file__).with_suffix(".npz")
`;
}

function modelClass(cls: string, parts: ModuleParts, spec: GraphSpec): string {
  const init = parts.init.length > 0 ? parts.init : ['pass'];
  return `

class ${cls}(nn.Module):
    """${commentText(spec.name).replace(/"""|\\/g, '')} as built in NetLoom; attributes are named after the graph's layers."""

    def __init__(self):
        super().__init__()
${init.map((l) => `        ${l}`).join('\n')}

    def forward(self, ${parts.input.name}):
${parts.forward.map((l) => `        ${l}`).join('\n')}
        return ${parts.output.name}


def load_weights(model, path=WEIGHTS):
    """Copies the trained weights from the .npz into the model and returns it."""
    with np.load(path) as arrays:
        state = {name: torch.from_numpy(arrays[name]) for name in arrays.files}
    missing, unexpected = model.load_state_dict(state, strict=False)
    # BatchNorm's step counter is PyTorch's own: NetLoom has none to give.
    missing = [name for name in missing if not name.endswith("num_batches_tracked")]
    if missing or unexpected:
        raise ValueError(f"{path} does not fit {type(model).__name__}: missing {missing}, unexpected {unexpected}")
    return model


def load_model(path=WEIGHTS):
    """A ${cls} with the trained weights."""
    return load_weights(${cls}(), path)`;
}

const MAIN = `

def main():
    parser = argparse.ArgumentParser(description=f"{MODEL_NAME}, exported from NetLoom")
    parser.add_argument("--weights", type=Path, default=WEIGHTS, help="the .npz to load (default: beside this script)")
    parser.add_argument("--train", action="store_true", help="train on load_data() and save a state_dict (.pt)")
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    parser.add_argument("--smoke", action="store_true", help="one training step on random data, then exit")
    args = parser.parse_args()
    if args.smoke:
        smoke()
        print("smoke test passed")
        return
    model = load_model(args.weights)
    if args.train:
        device = "cuda" if torch.cuda.is_available() else "cpu"
        train_loader, val_loader = data_loaders()
        train(model, train_loader, val_loader, args.epochs, device)
        torch.save(model.state_dict(), args.weights.with_suffix(".pt"))
        return
    model.eval()
    with torch.no_grad():
        print(model(torch.rand((4, *INPUT_SHAPE))))


if __name__ == "__main__":
    main()
`;

/**
 * The PyTorch script and `.npz` weights for a spec and its weights (Keras layout, as the worker
 * reads them). `config` and `augment` are the training setup the script's loop reproduces;
 * without them it gets NetLoom's defaults (no augmentation). Throws on a graph that is not a
 * model, as exportOnnx does.
 */
export function exportPytorch(
  spec: GraphSpec,
  weights: ModelWeights,
  config: TrainingConfig = DEFAULT_TRAINING,
  augment: AugmentConfig = DEFAULT_AUGMENT,
): PytorchExport {
  const parts = moduleParts(spec, weights);
  const cls = className(spec.name);
  const stem = moduleName(spec.name);
  const probabilities = endsInSoftmax(spec);
  const hasBatchNorm = spec.nodes.some((n) => n.kind === 'BatchNormalization');
  const script = [
    header(spec, stem, cls, parts, config, probabilities),
    settingsCode(config, augment),
    ...[...parts.helpers].map((h) => HELPERS[h]),
    modelClass(cls, parts, spec),
    trainingCode({ config, augment, probabilities, hasBatchNorm, modelClass: cls }),
    MAIN,
  ].join('\n');
  return { script, weights: npz(parts.tensors), fileStem: stem, className: cls };
}
