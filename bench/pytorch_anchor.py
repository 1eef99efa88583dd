"""PyTorch CPU anchor of the training benchmark (issue 15).

Trains the NetLoom graph spec given as JSON (the layers of the default Tiny CNN and LeNet-5: Input,
Conv2D, MaxPool2D, AvgPool2D, Flatten, Dense) on random 28x28x1 data of the same shape as the
Shapes set, with the same batch size, optimizer (Adam, same learning rate), loss (softmax cross
entropy) and train/validation split as bench/node-train.ts, on `--threads` threads and then on one.
Prints one JSON object: per thread count, samples/s of the fastest epoch after the first and the
mean over those epochs; or {"skipped": ...} when torch is not installed. The fastest epoch because
the machine is shared: with 2 threads on 2 busy cores every op waits at a barrier for the thread
that was descheduled, so a loaded machine slows PyTorch far more than single-threaded tfjs.
One thread is measured too, as tfjs's wasm backend runs on one in Node. Run with Debian's interpreter: /usr/bin/python3 bench/pytorch_anchor.py.
"""
import argparse
import json
import sys
import time

try:
    import torch
    from torch import nn
except ImportError:
    print(json.dumps({"skipped": "python3-torch not installed"}))
    sys.exit(0)

ACTIVATIONS = {"linear": None, "relu": nn.ReLU, "sigmoid": nn.Sigmoid, "tanh": nn.Tanh, "relu6": nn.ReLU6}


class Flatten(nn.Module):
    """Flattens NHWC order as tfjs does, so a Dense after it sees the same layout."""

    def forward(self, x):
        return x.permute(0, 2, 3, 1).reshape(x.shape[0], -1)


def same_padding(size, kernel, stride):
    out = -(-size // stride)
    total = max((out - 1) * stride + kernel - size, 0)
    return (total // 2, total - total // 2)


def conv(params, channels, height, width):
    k, s = params["kernelSize"], params["strides"]
    layers = []
    if params["padding"] == "same":
        top, bottom = same_padding(height, k, s)
        left, right = same_padding(width, k, s)
        layers.append(nn.ZeroPad2d((left, right, top, bottom)))
        height, width = height + top + bottom, width + left + right
    layers.append(nn.Conv2d(channels, params["filters"], k, stride=s, dilation=params.get("dilation", 1), bias=params["useBias"]))
    return layers, params["filters"], (height - k) // s + 1, (width - k) // s + 1


def pool(kind, params, height, width):
    if params["padding"] != "valid":
        raise SystemExit(f"unsupported pooling padding {params['padding']}")
    k, s = params["poolSize"], params["strides"]
    layer = (nn.MaxPool2d if kind == "MaxPool2D" else nn.AvgPool2d)(k, stride=s)
    return layer, (height - k) // s + 1, (width - k) // s + 1


def activation(name):
    if name == "softmax":
        return None  # folded into the loss (cross entropy on logits)
    if name not in ACTIVATIONS:
        raise SystemExit(f"unsupported activation {name}")
    return ACTIVATIONS[name]() if ACTIVATIONS[name] else None


def build(spec):
    """A sequential nn.Module from a chain of spec nodes (each feeding on the one before)."""
    layers = []
    shape = None
    for node in spec["nodes"]:
        kind, p = node["kind"], node["params"]
        if kind == "Input":
            shape = (p["channels"], p["height"], p["width"])
            continue
        c, h, w = shape
        if kind == "Conv2D":
            conv_layers, c, h, w = conv(p, c, h, w)
            layers += conv_layers
            act = activation(p["activation"])
        elif kind in ("MaxPool2D", "AvgPool2D"):
            layer, h, w = pool(kind, p, h, w)
            layers.append(layer)
            act = None
        elif kind == "Flatten":
            layers.append(Flatten())
            c, h, w = c * h * w, 1, 1
            act = None
        elif kind == "Dense":
            layers.append(nn.Linear(c, p["units"], bias=p.get("useBias", True)))
            c = p["units"]
            act = activation(p["activation"])
        else:
            raise SystemExit(f"unsupported layer {kind}")
        if act is not None:
            layers.append(act)
        shape = (c, h, w)
    return nn.Sequential(*layers), shape[0]


def train_epochs(model, x, y, batch, lr, epochs):
    """Seconds per epoch of Adam on shuffled batches."""
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    loss_fn = nn.CrossEntropyLoss()
    seconds = []
    for _ in range(epochs):
        started = time.perf_counter()
        order = torch.randperm(len(x))
        model.train()
        for i in range(0, len(x), batch):
            idx = order[i : i + batch]
            optimizer.zero_grad()
            loss = loss_fn(model(x[idx]), y[idx])
            loss.backward()
            optimizer.step()
        seconds.append(time.perf_counter() - started)
    return seconds


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--spec", required=True)
    parser.add_argument("--samples", type=int, default=1600)
    parser.add_argument("--epochs", type=int, default=6)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--lr", type=float, default=0.01)
    parser.add_argument("--val-fraction", type=float, default=0.2)
    parser.add_argument("--threads", type=int, default=2)
    a = parser.parse_args()
    torch.manual_seed(1)
    with open(a.spec) as f:
        spec = json.load(f)
    inputs = next(n for n in spec["nodes"] if n["kind"] == "Input")["params"]
    train = a.samples - round(a.samples * a.val_fraction)
    result = {"torch": torch.__version__, "threads": a.threads, "train_samples": train, "epochs": a.epochs, "batch": a.batch}
    for threads, key in [(a.threads, "sps"), (1, "sps_1_thread")][: 1 if a.threads == 1 else 2]:
        torch.set_num_threads(threads)
        model, classes = build(spec)
        x = torch.rand(train, inputs["channels"], inputs["height"], inputs["width"])
        y = torch.randint(0, classes, (train,))
        timed = train_epochs(model, x, y, a.batch, a.lr, a.epochs)[1:]
        result[key] = round(train / min(timed), 2)
        result[key + "_mean"] = round(train * len(timed) / sum(timed), 2)
        result["params"] = sum(p.numel() for p in model.parameters())
    print(json.dumps(result))


if __name__ == "__main__":
    main()
