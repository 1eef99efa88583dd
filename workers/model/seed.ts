/**
 * Per-layer initialiser seed. Hashing the node id (rather than using its position) keeps every
 * layer's initial weights unchanged when other nodes are added or removed.
 */
export function layerSeed(seed: number, nodeId: string, salt = ''): number {
  // FNV-1a, 32-bit.
  let h = 0x811c9dc5 ^ (seed >>> 0);
  for (const ch of `${nodeId}\u0000${salt}`) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
