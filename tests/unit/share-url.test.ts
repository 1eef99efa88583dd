import { strToU8, zlibSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { adler32 } from '$lib/share/adler32';
import { decodeSpec, encodeSpec, sharedPayload, shareHash } from '$lib/share/url';
import { PRESETS, defaultSpec } from '$lib/spec/presets';
import { withLayout } from '$lib/editor/layout';

/** What a hand-made link would carry: any JSON, deflated and base64url-encoded like encodeSpec does. */
function pack(value: unknown): string {
  const bytes = zlibSync(strToU8(JSON.stringify(value)));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

const errorOf = (text: string) => {
  const result = decodeSpec(text);
  return result.ok ? null : result.errors[0];
};

describe('share links', () => {
  it('round-trips every preset exactly, in URL-safe text shorter than the JSON', () => {
    for (const build of [defaultSpec, ...Object.values(PRESETS)]) {
      const spec = withLayout(build(4));
      const text = encodeSpec(spec);
      expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(text.length).toBeLessThan(JSON.stringify(spec).length);
      expect(decodeSpec(text)).toEqual({ ok: true, value: spec });
    }
  });

  it('reads the payload back from a location hash', () => {
    const spec = defaultSpec(4);
    const hash = shareHash(spec);
    expect(hash.startsWith('#graph=')).toBe(true);
    expect(decodeSpec(sharedPayload(hash)!)).toEqual({ ok: true, value: spec });
    expect(sharedPayload('')).toBeNull();
    expect(sharedPayload('#other=1')).toBeNull();
  });

  it('rejects tampered links with a message instead of throwing', () => {
    const text = encodeSpec(PRESETS.resnet(4));
    const mid = text.length >> 1;
    const flipped = text.slice(0, mid) + (text[mid] === 'A' ? 'B' : 'A') + text.slice(mid + 1);
    for (const bad of [flipped, text.slice(0, mid), text + 'x', 'not a link!', '', 'A', '____']) {
      expect(errorOf(bad), JSON.stringify(bad.slice(0, 20))).toMatch(/damaged|NetLoom|Layer|format|version/);
    }
  });

  it('notices any single changed character, thanks to the checksum', () => {
    const text = encodeSpec(PRESETS.resnet(4));
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    // The last character carries padding bits that decoding may ignore; every other one matters.
    for (let i = 0; i < text.length - 1; i += 3) {
      const swapped = alphabet[(alphabet.indexOf(text[i]) + 17) % 64];
      const bad = text.slice(0, i) + swapped + text.slice(i + 1);
      expect(decodeSpec(bad).ok, `character ${i}`).toBe(false);
    }
  });

  it('computes Adler-32 as zlib does', () => {
    expect(adler32(strToU8('Wikipedia'))).toBe(0x11e60398);
    expect(adler32(new Uint8Array(0))).toBe(1);
    expect(adler32(new Uint8Array(100_000).fill(255))).toBe(0x149a302c);
  });

  it('rejects JSON that is not a graph, or one this version cannot show, saying why', () => {
    expect(errorOf(pack([1, 2]))).toBe('It does not contain a NetLoom graph.');
    expect(errorOf(pack({ hello: 'world' }))).toBe('It does not contain a NetLoom graph.');
    const spec = defaultSpec(4);
    expect(errorOf(pack({ ...spec, format: 'keras' }))).toMatch(/Not a NetLoom graph: format is "keras"/);
    expect(errorOf(pack({ ...spec, version: 99 }))).toMatch(/Unsupported graph version 99/);
    expect(errorOf(pack({ ...spec, nodes: [{ id: 1 }] }))).toMatch(/Node 1 is malformed/);
    const node = (patch: object) => pack({ ...spec, nodes: [{ ...spec.nodes[0], ...patch }] });
    expect(errorOf(node({ kind: 'Transformer' }))).toBe("Layer 1: unknown layer kind 'Transformer'.");
    expect(errorOf(node({ params: { height: 28 } }))).toMatch(/Layer 1: Input settings should be height, width, channels/);
    expect(errorOf(node({ params: { height: '28', width: 28, channels: 1 } }))).toBe("Layer 1: setting 'height' should be a number.");
    expect(errorOf(node({ position: { x: 'left' } }))).toMatch(/position/);
    expect(errorOf(pack({ ...spec, nodes: [spec.nodes[0], spec.nodes[0]] }))).toMatch(/used twice/);
    expect(errorOf(pack({ ...spec, nodes: spec.nodes.map((n) => (n.id === 'conv1' ? { ...n, inputs: ['input', 'input'] } : n)) }))).toMatch(
      /connected twice/,
    );
  });

  it('accepts graphs with wiring mistakes: the editor shows those on the nodes', () => {
    const spec = defaultSpec(4);
    const broken = { ...spec, nodes: spec.nodes.map((n) => (n.id === 'dense' ? { ...n, inputs: [] } : n)) };
    expect(decodeSpec(pack(broken)).ok).toBe(true);
  });
});
