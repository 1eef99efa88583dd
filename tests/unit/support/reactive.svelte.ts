import type { GraphSpec } from '$lib/spec/types';

/** Reactive stand-ins for app state, so state classes under test see changes as they do in the app. */
export class FakeTrainedModel {
  hasModel = $state(false);
  status = $state('idle');
  trainedSpec = $state.raw<GraphSpec | null>(null);

  /** A run of `spec` finished and left its model in the worker. */
  finish(spec: GraphSpec): void {
    this.trainedSpec = spec;
    this.hasModel = true;
    this.status = 'done';
  }
}

export class Cell<T> {
  value = $state.raw<T>() as T;
  constructor(value: T) {
    this.value = value;
  }
}
