/**
 * The training half of the exported script, written for one TrainingConfig: the optimizer and
 * schedule (optimizer-code.ts), NetLoom's loss (label smoothing, class weights, Keras's clipped log
 * for softmax outputs), the L2 penalty on kernels, global-norm clipping, early stopping and the
 * BatchNorm re-estimate after every epoch, and the augmentation. Only what the config uses is written.
 */
import type { TrainingConfig } from '$lib/training/shared/config';
import type { AugmentConfig } from '$lib/training/shared/augment';
import { float, lines, num } from './python';
import { optimizerCode, scheduleCode } from './optimizer-code';

export interface TrainingCodeOptions {
  config: TrainingConfig;
  /** The model ends in softmax, so it outputs probabilities (else logits). */
  probabilities: boolean;
  hasBatchNorm: boolean;
  /** Name of the generated nn.Module class. */
  modelClass: string;
  augment: AugmentConfig;
}


/** How the loop gets its per-class loss weights: a constant, a count over the training labels, or none. */
function classWeightsCode(cfg: TrainingConfig): { fn: string | null; line: string } {
  switch (cfg.classWeighting) {
    case 'none':
      return { fn: null, line: '    weights = None' };
    case 'custom':
      return { fn: null, line: `    weights = torch.tensor([${cfg.customClassWeights.map(float).join(', ')}], device=device)` };
    case 'balanced':
      return {
        fn: `

def balanced_class_weights(labels):
    """scikit-learn's 'balanced' weights, n / (classes present * count); a class with no samples gets 0."""
    counts = torch.bincount(labels, minlength=NUM_CLASSES).float()
    present = (counts > 0).sum()
    return torch.where(counts > 0, len(labels) / (present * counts.clamp(min=1)), torch.zeros_like(counts))`,
        line: '    weights = balanced_class_weights(torch.cat([y for _, y in train_loader])).to(device)  # one pass over the labels',
      };
  }
}

function lossCode(probabilities: boolean): string {
  const logP = probabilities
    ? "    log_p = torch.log(outputs.clamp(1e-7, 1 - 1e-7))  # Keras's clip: the model outputs probabilities"
    : '    log_p = F.log_softmax(outputs, dim=1)  # the model outputs logits';
  return `

def loss_fn(outputs, labels, smoothing=0.0, weights=None):
    """Mean categorical cross-entropy as NetLoom computes it (label smoothing y*(1-e) + e/K, per-class weights)."""
    classes = outputs.shape[1]
    target = F.one_hot(labels, classes).to(outputs.dtype) * (1 - smoothing) + smoothing / classes
${logP}
    per_sample = -(target * log_p).sum(dim=1)
    if weights is not None:
        per_sample = per_sample * weights[labels]
    return per_sample.mean()`;
}

/**
 * NetLoom's GPU augmentation (workers/training/augment-gpu.ts) in PyTorch: tfjs's cropAndResize
 * samples a box corner to corner, which is grid_sample with align_corners=True under the affine
 * map below; the draws follow training/shared/augment.ts.
 */
const AUGMENTATION = `

def draw_augmentation(n, device):
    """One batch's draws: crop boxes [y1, x1, y2, x2] in image fractions (x1 > x2 mirrors), brightness offsets, contrast factors."""

    def uniform(lo, hi):
        return torch.empty(n, device=device).uniform_(lo, hi)

    scale = uniform(AUGMENT_MIN_CROP_SCALE, 1)
    reach = (1 - scale) / 2 + AUGMENT_TRANSLATE
    cy, cx = 0.5 + uniform(-1, 1) * reach, 0.5 + uniform(-1, 1) * reach
    mirror = (torch.rand(n, device=device) < 0.5) if AUGMENT_FLIP else torch.zeros(n, dtype=torch.bool, device=device)
    half = torch.where(mirror, -scale, scale) / 2
    boxes = torch.stack([cy - scale / 2, cx - half, cy + scale / 2, cx + half], dim=1)
    return boxes, uniform(-AUGMENT_BRIGHTNESS, AUGMENT_BRIGHTNESS), 1 + uniform(-AUGMENT_CONTRAST, AUGMENT_CONTRAST)


def apply_augmentation(x, boxes, brightness, contrast):
    """Crops each image to its box and resizes it back (bilinear, zeros outside), then contrast about its mean, brightness, clip to [0, 1]."""
    y1, x1, y2, x2 = boxes.unbind(dim=1)
    zeros = torch.zeros_like(y1)
    theta = torch.stack([torch.stack([x2 - x1, zeros, x1 + x2 - 1], dim=1), torch.stack([zeros, y2 - y1, y1 + y2 - 1], dim=1)], dim=1)
    grid = F.affine_grid(theta, list(x.shape), align_corners=True)
    cropped = F.grid_sample(x, grid, mode="bilinear", padding_mode="zeros", align_corners=True)
    mean = cropped.mean(dim=(1, 2, 3), keepdim=True)
    shape = (-1, 1, 1, 1)
    return ((cropped - mean) * contrast.view(shape) + mean + brightness.view(shape)).clamp(0, 1)


def augment(x):
    return apply_augmentation(x, *draw_augmentation(len(x), x.device))`;

const BATCHNORM_STATS = `

@torch.no_grad()
def recompute_batchnorm_stats(model, loader, device, max_samples=256):
    """NetLoom re-estimates BatchNorm's statistics from up to 256 training images after every epoch (dropout off)."""
    norms = [m for m in model.modules() if isinstance(m, nn.modules.batchnorm._BatchNorm)]
    momenta = [m.momentum for m in norms]
    model.train()
    for m in model.modules():
        if isinstance(m, nn.Dropout):
            m.eval()
    for m in norms:
        m.reset_running_stats()
        m.momentum = None  # a plain average over the batches below
    seen = 0
    for x, _ in loader:
        if seen >= max_samples:
            break
        model(x[: max_samples - seen].to(device))
        seen += len(x)
    for m, momentum in zip(norms, momenta):
        m.momentum = momentum`;

function trainCode(o: TrainingCodeOptions): string {
  const { config } = o;
  const stopping = config.earlyStopping.enabled;
  return lines(
    '',
    '',
    '@torch.no_grad()',
    'def evaluate(model, loader, device):',
    '    """Mean loss (no smoothing, no class weights) and accuracy over a loader."""',
    '    model.eval()',
    '    total, correct, seen = 0.0, 0, 0',
    '    for x, y in loader:',
    '        x, y = x.to(device), y.to(device)',
    '        outputs = model(x)',
    '        total += loss_fn(outputs, y).item() * len(y)',
    '        correct += (outputs.argmax(dim=1) == y).sum().item()',
    '        seen += len(y)',
    '    return total / seen, correct / seen',
    '',
    '',
    'def train(model, train_loader, val_loader, epochs=EPOCHS, device="cpu"):',
    '    """Trains as NetLoom would with the settings above; returns the model (the best epoch\'s weights with early stopping)."""',
    '    model.to(device)',
    '    optimizer = make_optimizer(model)',
    '    kernels = [m.weight for m in model.modules() if isinstance(m, (nn.Conv2d, nn.Linear))]',
    classWeightsCode(config).line,
    '    steps = len(train_loader)',
    stopping && '    best_loss, best_state, wait = None, None, 0',
    '    for epoch in range(epochs):',
    '        model.train()',
    '        total, correct, seen = 0.0, 0, 0',
    '        for batch, (x, y) in enumerate(train_loader):',
    '            x, y = x.to(device), y.to(device)',
    o.augment.enabled && '            x = augment(x)',
    '            for group in optimizer.param_groups:',
    '                group["lr"] = learning_rate_at(epoch + (batch + 0.5) / steps, epochs)',
    '            outputs = model(x)',
    '            loss = loss_fn(outputs, y, LABEL_SMOOTHING, weights)',
    '            optimizer.zero_grad()',
    '            (loss + L2 * sum((k**2).sum() for k in kernels)).backward()',
    '            if CLIP_NORM is not None:',
    '                nn.utils.clip_grad_norm_(model.parameters(), CLIP_NORM)',
    '            optimizer.step()',
    '            total += loss.item() * len(y)',
    '            correct += (outputs.argmax(dim=1) == y).sum().item()',
    '            seen += len(y)',
    o.hasBatchNorm && '        recompute_batchnorm_stats(model, train_loader, device)',
    '        val_loss, val_acc = evaluate(model, val_loader, device)',
    '        print(f"epoch {epoch + 1}/{epochs}: loss {total / seen:.4f} acc {correct / seen:.3f}, val loss {val_loss:.4f} acc {val_acc:.3f}")',
    stopping && '        if best_loss is None or val_loss < best_loss - EARLY_STOPPING_MIN_DELTA:',
    stopping && '            best_loss, best_state, wait = val_loss, copy.deepcopy(model.state_dict()), 0',
    stopping && '        else:',
    stopping && '            wait += 1',
    stopping && '            if wait >= EARLY_STOPPING_PATIENCE:',
    stopping && '                print(f"early stop: no better val loss for {wait} epochs")',
    stopping && '                break',
    stopping && '    if best_state is not None:',
    stopping && '        model.load_state_dict(best_state)',
    '    return model',
  );
}

const data = (modelClass: string) => `

def load_data():
    """Your data as (images, labels) for training and validation: images float32 [N, *INPUT_SHAPE]
    with pixels in [0, 1], labels int64 class indices. A stub with random data: replace it."""
    generator = torch.Generator().manual_seed(0)

    def split(n):
        return torch.rand((n, *INPUT_SHAPE), generator=generator), torch.randint(NUM_CLASSES, (n,), generator=generator)

    return split(256), split(64)


def data_loaders(batch_size=BATCH_SIZE):
    (x_train, y_train), (x_val, y_val) = load_data()
    train_loader = DataLoader(TensorDataset(x_train, y_train), batch_size=batch_size, shuffle=True)
    val_loader = DataLoader(TensorDataset(x_val, y_val), batch_size=256)
    return train_loader, val_loader


def smoke(batch_size=8):
    """One training epoch of one batch on random data: checks that torch, the model and the loop run here."""
    torch.manual_seed(0)
    x, y = torch.rand((batch_size, *INPUT_SHAPE)), torch.randint(NUM_CLASSES, (batch_size,))
    loader = DataLoader(TensorDataset(x, y), batch_size=batch_size)
    return train(${modelClass}(), loader, loader, epochs=1)`;

/** The settings block at the top of the script: one constant per setting, so a user edits them in one place. */
export function settingsCode(config: TrainingConfig, augment: AugmentConfig): string {
  const clip = config.gradientClip.enabled ? float(config.gradientClip.maxNorm) : 'None';
  const stopping = config.earlyStopping;
  return lines(
    "# Training settings from NetLoom's training panel.",
    `EPOCHS = ${num(config.epochs)}`,
    `BATCH_SIZE = ${num(config.batchSize)}`,
    `LEARNING_RATE = ${float(config.optimizer.learningRate)}`,
    config.schedule.warmupEpochs > 0 && `WARMUP_EPOCHS = ${float(config.schedule.warmupEpochs)}`,
    `LABEL_SMOOTHING = ${float(config.labelSmoothing)}`,
    `L2 = ${float(config.l2)}  # lambda of an L2 penalty lambda * sum(w**2) over conv and dense kernels`,
    `CLIP_NORM = ${clip}  # largest global gradient norm, None for no clipping`,
    stopping.enabled && `EARLY_STOPPING_PATIENCE = ${num(stopping.patience)}`,
    stopping.enabled && `EARLY_STOPPING_MIN_DELTA = ${float(stopping.minDelta)}`,
    augment.enabled && `AUGMENT_FLIP = ${augment.flip ? 'True' : 'False'}`,
    augment.enabled && `AUGMENT_MIN_CROP_SCALE = ${float(augment.minCropScale)}  # smallest crop side, as a fraction of the image`,
    augment.enabled && `AUGMENT_TRANSLATE = ${float(augment.translate)}  # largest shift of the crop centre, as a fraction of the image`,
    augment.enabled && `AUGMENT_BRIGHTNESS = ${float(augment.brightness)}`,
    augment.enabled && `AUGMENT_CONTRAST = ${float(augment.contrast)}`,
  );
}

/** Everything after the model class: optimizer, schedule, loss, loop, data stub. */
export function trainingCode(o: TrainingCodeOptions): string {
  return lines(
    optimizerCode(o.config.optimizer),
    scheduleCode(o.config),
    classWeightsCode(o.config).fn,
    lossCode(o.probabilities),
    o.augment.enabled && AUGMENTATION,
    o.hasBatchNorm && BATCHNORM_STATS,
    trainCode(o),
    data(o.modelClass),
  );
}
