/** Served by build/mnist-asset.ts: the bundled MNIST file's path on the app's origin. */
declare module 'virtual:netloom/mnist-asset' {
  export const mnistAssetUrl: string;
}
