import pkg from 'onnx-proto';

/**
 * onnx-proto is CommonJS: under both Vite and Node ESM its namespace arrives only through the
 * default export, so it is unpacked once here.
 */
export const { onnx } = pkg;
export type { onnx as proto } from 'onnx-proto';
