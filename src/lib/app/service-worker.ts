/// <reference types="vite-plugin-pwa/vanillajs" />
/**
 * Registers the service worker that keeps the whole app offline (build/offline-app.ts). Under
 * `vite dev` the plugin's module does nothing, so development never runs stale cached code.
 */
import { registerSW } from 'virtual:pwa-register';
import { AppUpdates } from './updates.svelte';

/** Registers the service worker; the returned state shows when a new version waits. */
export function startServiceWorker(busy: () => boolean): AppUpdates {
  const updates = new AppUpdates(busy);
  const activateWaiting = registerSW({
    // The waiting worker takes over only when the user says so; workbox-window then reloads the page.
    onNeedRefresh: () => updates.offer(() => activateWaiting(true)),
  });
  return updates;
}
