/**
 * Lets tfjs's threaded WASM build start in a minified worker. tfjs hands each pthread worker the
 * Emscripten factory as `factory.toString()`, so the factory must not read variables of the module
 * around it. It reads one, `_scriptDir`, behind `typeof _scriptDir !== "undefined"`; the minifier
 * sees the variable declared and drops that guard, and every pthread worker then dies on a
 * ReferenceError. Both reads are useless here: tfjs always sets `mainScriptUrlOrBlob` and locates
 * its files itself, so they are cut out before minification.
 */
import type { Plugin } from 'vite';

const THREADED_FACTORY = /@tensorflow\/tfjs-backend-wasm\/wasm-out\/tfjs-backend-wasm-threaded-simd\.js$/;

const EDITS: readonly [string, string][] = [
  ['if(typeof _scriptDir !== "undefined" && _scriptDir){scriptDirectory=_scriptDir}', ''],
  ['"urlOrBlob":Module["mainScriptUrlOrBlob"]||_scriptDir', '"urlOrBlob":Module["mainScriptUrlOrBlob"]'],
];

export function tfjsWasmThreads(): Plugin {
  return {
    name: 'netloom:tfjs-wasm-threads',
    transform(code, id) {
      if (!THREADED_FACTORY.test(id.split('?')[0])) return null;
      let patched = code;
      for (const [from, to] of EDITS) {
        // A new tfjs version that changed these lines must fail the build, not the user's first threaded run.
        if (!patched.includes(from)) this.error(`tfjs-backend-wasm's threaded factory changed: "${from}" not found`);
        patched = patched.replace(from, to);
      }
      return { code: patched, map: null };
    },
  };
}
