/** The parts of a `beforeunload` event that ask the browser to confirm leaving. */
export interface LeaveEvent {
  preventDefault(): void;
  returnValue: unknown;
}

/**
 * Makes the browser ask before the page is left while a run is in progress: leaving loses the
 * work since the last checkpoint. At any other time the page closes without a question.
 */
export function confirmLeavingWhile(running: boolean, event: LeaveEvent): void {
  if (!running) return;
  event.preventDefault();
  // Older Chromium shows the prompt only when returnValue is set.
  event.returnValue = '';
}
