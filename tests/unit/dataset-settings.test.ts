import { describe, expect, it } from 'vitest';
import { chooseDataset, datasetRequest, defaultSettings, settingsOf, settingsProblems, trainRequest } from '$lib/training/client/settings';
import { defaultSpec } from '$lib/spec/presets';

describe('picking a dataset in the training panel', () => {
  it('sends the picked dataset to the worker and reads it back from a saved run', () => {
    const s = defaultSettings();
    expect(s.dataset).toBe('shapes');
    chooseDataset(s, 'shapes-rgb');
    expect(datasetRequest(s)).toMatchObject({ kind: 'shapes-rgb', count: s.samples, seed: s.seed });
    expect(settingsOf(trainRequest(defaultSpec(9), s)).dataset).toBe('shapes-rgb');
  });

  it("brings the sample count within what the dataset holds, and marks a count beyond it", () => {
    const s = { ...defaultSettings(), samples: 15000 };
    chooseDataset(s, 'mnist');
    expect(s.samples).toBe(10000);
    s.samples = 12000;
    expect(settingsProblems(s).samples?.severity).toBe('error');
    chooseDataset(s, 'shapes');
    expect(s.samples).toBe(12000);
    expect(settingsProblems(s).samples).toBeUndefined();
  });
});
