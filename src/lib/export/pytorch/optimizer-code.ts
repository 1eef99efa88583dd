/**
 * The exported script's optimizer and learning-rate schedule, written as Python for one
 * TrainingConfig: torch's optimizers with NetLoom's hyperparameters (Lion written out, torch 1.13
 * has none) and the per-batch schedule of training/shared/schedule.ts.
 */
import { OPTIMIZERS, type OptimizerConfig, type OptimizerParam, type ScheduleConfig, type TrainingConfig } from '$lib/training/shared/config';
import { float, lines, num } from './python';

/** A field the config left out takes the optimizer's default, as the worker does. */
function param(cfg: OptimizerConfig, key: OptimizerParam): number {
  const value = cfg[key] ?? OPTIMIZERS[cfg.name].defaults[key];
  if (value === undefined) throw new Error(`The ${cfg.name} optimizer has no default for ${key}.`);
  return value;
}

const LION = `

class Lion(torch.optim.Optimizer):
    """Lion (Chen et al. 2023) as NetLoom runs it: c = b1*m + (1-b1)*g; w -= lr*(sign(c) + wd*w); m = b2*m + (1-b2)*g."""

    def __init__(self, params, lr, betas, weight_decay):
        super().__init__(params, dict(lr=lr, betas=betas, weight_decay=weight_decay))

    @torch.no_grad()
    def step(self):
        for group in self.param_groups:
            beta1, beta2 = group["betas"]
            for p in group["params"]:
                if p.grad is None:
                    continue
                m = self.state[p].setdefault("m", torch.zeros_like(p))
                c = m * beta1 + p.grad * (1 - beta1)
                p.sub_((torch.sign(c) + group["weight_decay"] * p) * group["lr"])
                m.mul_(beta2).add_(p.grad, alpha=1 - beta2)`;

export function optimizerCode(cfg: OptimizerConfig): string {
  const p = (key: OptimizerParam) => float(param(cfg, key));
  const betas = () => `betas=(${p('beta1')}, ${p('beta2')})`;
  const make = (() => {
    switch (cfg.name) {
      case 'sgd':
        return 'torch.optim.SGD(model.parameters(), lr=LEARNING_RATE)';
      case 'momentum':
        return `torch.optim.SGD(model.parameters(), lr=LEARNING_RATE, momentum=${p('momentum')})`;
      case 'nesterov':
        return `torch.optim.SGD(model.parameters(), lr=LEARNING_RATE, momentum=${p('momentum')}, nesterov=True)`;
      case 'adam':
        return `torch.optim.Adam(model.parameters(), lr=LEARNING_RATE, ${betas()}, eps=${p('epsilon')})`;
      case 'adamw':
        // Decoupled decay scaled by the learning rate, as NetLoom's AdamW.
        return `torch.optim.AdamW(model.parameters(), lr=LEARNING_RATE, ${betas()}, eps=${p('epsilon')}, weight_decay=${p('weightDecay')})`;
      case 'rmsprop':
        // tfjs adds ε inside the square root, PyTorch outside it: the two differ only for vanishing gradients.
        return `torch.optim.RMSprop(model.parameters(), lr=LEARNING_RATE, alpha=${p('rho')}, momentum=${p('momentum')}, eps=${p('epsilon')})`;
      case 'lion':
        return `Lion(model.parameters(), lr=LEARNING_RATE, ${betas()}, weight_decay=${p('weightDecay')})`;
    }
  })();
  return lines(cfg.name === 'lion' && LION, '', '', 'def make_optimizer(model):', `    return ${make}`);
}

function scheduleFactor(base: ScheduleConfig): string | null {
  switch (base.kind) {
    case 'constant':
      return null;
    case 'step':
      return `${float(base.gamma)} ** math.floor(t / ${num(base.stepEpochs)})`;
    case 'exponential':
      return `${float(base.gamma)} ** t`;
    case 'cosine':
      return `${float(base.minFactor)} + (1 - ${float(base.minFactor)}) * 0.5 * (1 + math.cos(math.pi * done))`;
  }
}

export function scheduleCode(cfg: TrainingConfig): string {
  const { base, warmupEpochs } = cfg.schedule;
  const factor = scheduleFactor(base);
  const warm = warmupEpochs > 0;
  return lines(
    '',
    '',
    'def learning_rate_at(progress, epochs=EPOCHS):',
    `    """The learning rate \`progress\` epochs into training (fractional; sampled mid-batch), as NetLoom schedules it."""`,
    warm && `    if progress < WARMUP_EPOCHS:`,
    warm && `        return LEARNING_RATE * progress / WARMUP_EPOCHS`,
    factor === null && '    return LEARNING_RATE',
    factor !== null && `    t = progress${warm ? ' - WARMUP_EPOCHS' : ''}`,
    base.kind === 'cosine' && `    span = epochs${warm ? ' - WARMUP_EPOCHS' : ''}`,
    base.kind === 'cosine' && '    done = min(t / span, 1) if span > 0 else 1',
    factor !== null && `    return LEARNING_RATE * (${factor})`,
  );
}
