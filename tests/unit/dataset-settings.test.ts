import { describe, expect, it } from 'vitest';
import { chooseDataset, datasetRequest, defaultSettings, settingsOf, settingsProblems, trainRequest } from '$lib/training/client/settings';
import { defaultSpec } from '$lib/spec/presets';
import { describeBuiltIn, describeUserDataset } from '$lib/datasets/shared/catalog';

describe('picking a dataset in the training panel', () => {
  it('sends the picked dataset to the worker and reads it back from a saved run', () => {
    const s = defaultSettings();
    expect(s.dataset).toBe('shapes');
    chooseDataset(s, describeBuiltIn('shapes-rgb'));
    expect(datasetRequest(s)).toMatchObject({ kind: 'shapes-rgb', count: s.samples, seed: s.seed });
    expect(settingsOf(trainRequest(defaultSpec(9), s)).dataset).toBe('shapes-rgb');
  });

  it("brings the sample count within what the dataset holds, and marks a count beyond it", () => {
    const s = { ...defaultSettings(), samples: 15000 };
    chooseDataset(s, describeBuiltIn('mnist'));
    expect(s.samples).toBe(10000);
    s.samples = 12000;
    expect(settingsProblems(s, describeBuiltIn('mnist')).samples?.severity).toBe('error');
    chooseDataset(s, describeBuiltIn('shapes'));
    expect(s.samples).toBe(12000);
    expect(settingsProblems(s, describeBuiltIn('shapes')).samples).toBeUndefined();
  });

  it("trains on all of a user's dataset, and says to add samples when it holds too few", () => {
    const mine = { id: 'abc', name: 'Cups', height: 32, width: 32, channels: 3 as const, fit: 'crop' as const, classes: [{ id: 0, name: 'mug' }, { id: 1, name: 'glass' }], nextClassId: 2, nextSampleId: 12, createdAt: 0 };
    const s = defaultSettings();
    chooseDataset(s, describeUserDataset(mine, 12));
    expect(datasetRequest(s)).toMatchObject({ kind: 'user:abc', count: 12 });
    expect(settingsProblems(s, describeUserDataset(mine, 12)).samples?.message).toMatch(/holds 12 samples.*at least 20/);
    chooseDataset(s, describeUserDataset(mine, 40));
    expect(s.samples).toBe(40);
    expect(settingsProblems(s, describeUserDataset(mine, 40)).samples).toBeUndefined();
  });
});
