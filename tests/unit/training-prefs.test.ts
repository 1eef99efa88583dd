import { describe, expect, it } from 'vitest';
import { loadTrainingPrefs, parseTrainingPrefs, saveTrainingPrefs } from '$lib/storage/training-prefs';
import { defaultSettings } from '$lib/training/client/settings';
import { memoryStorage } from './support/memory-storage';

describe('training settings kept across reloads', () => {
  it('comes back as saved, with the backend picked', () => {
    const storage = memoryStorage();
    const settings = defaultSettings();
    settings.samples = 400;
    settings.config.epochs = 3;
    settings.config.optimizer = { name: 'sgd', learningRate: 0.05 };
    settings.config.schedule.base = { kind: 'step', stepEpochs: 2, gamma: 0.5 };
    saveTrainingPrefs({ settings, backendChoice: 'cpu' }, storage);
    expect(loadTrainingPrefs(storage)).toEqual({ settings, backendChoice: 'cpu' });
  });

  it('keeps the defaults for fields of the wrong type and for unknown choices', () => {
    const parsed = parseTrainingPrefs({
      format: 'netloom.training-settings',
      version: 2,
      backendChoice: 'tpu',
      settings: { samples: 'many', config: { epochs: 7, optimizer: { name: 'adagrad' }, schedule: { base: { kind: 'cosine', minFactor: null } } } },
    });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const defaults = defaultSettings();
    expect(parsed.value.backendChoice).toBe('auto');
    expect(parsed.value.settings.samples).toBe(defaults.samples);
    expect(parsed.value.settings.config.epochs).toBe(7);
    expect(parsed.value.settings.config.optimizer).toEqual(defaults.config.optimizer);
    expect(parsed.value.settings.config.schedule.base).toEqual({ kind: 'cosine', minFactor: 0.01 });
  });

  it('reads a version-1 record (from before datasets could be picked) as training on Shapes', () => {
    const parsed = parseTrainingPrefs({ format: 'netloom.training-settings', version: 1, backendChoice: 'cpu', settings: { samples: 400, config: { epochs: 3 } } });
    expect(parsed.ok && parsed.value.settings).toMatchObject({ dataset: 'shapes', samples: 400, config: { epochs: 3 } });
  });

  it('keeps the dataset picked, and falls back to Shapes for one it does not know', () => {
    const storage = memoryStorage();
    saveTrainingPrefs({ settings: { ...defaultSettings(), dataset: 'shapes-rgb' }, backendChoice: 'auto' }, storage);
    expect(loadTrainingPrefs(storage)?.settings.dataset).toBe('shapes-rgb');
    const unknown = parseTrainingPrefs({ format: 'netloom.training-settings', version: 2, settings: { dataset: 'imagenet' } });
    expect(unknown.ok && unknown.value.settings.dataset).toBe('shapes');
  });

  it('refuses a record written by a newer version, and reads nothing from garbage', () => {
    expect(parseTrainingPrefs({ format: 'netloom.training-settings', version: 99, settings: {} }).ok).toBe(false);
    const storage = memoryStorage();
    storage.setItem('netloom.training.settings', '{not json');
    expect(loadTrainingPrefs(storage)).toBeNull();
  });
});
