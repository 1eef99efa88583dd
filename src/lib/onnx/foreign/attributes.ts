/** A node's attributes as plain values, and typed getters with ONNX's defaults. */
import { onnx, type proto } from '../proto';
import type { AttributeValue } from './model';
import { dimsOf, int } from './tensors';

const Type = onnx.AttributeProto.AttributeType;
const text = new TextDecoder();

export function attributeValue(a: proto.IAttributeProto): AttributeValue {
  switch (a.type) {
    case Type.FLOAT:
      return a.f ?? 0;
    case Type.INT:
      return int(a.i);
    case Type.STRING:
      return text.decode(a.s ?? new Uint8Array());
    case Type.FLOATS:
      return [...(a.floats ?? [])];
    case Type.INTS:
      return (a.ints ?? []).map(int);
    case Type.STRINGS:
      return (a.strings ?? []).map((s) => text.decode(s));
    case Type.TENSOR:
      return { dims: a.t ? dimsOf(a.t) : [] };
    default:
      return `(${Type[a.type ?? 0] ?? 'unknown'})`;
  }
}

export type Attributes = Readonly<Record<string, AttributeValue>>;

export function readAttributes(node: proto.INodeProto): Attributes {
  return Object.fromEntries((node.attribute ?? []).map((a) => [a.name ?? '', attributeValue(a)]));
}

export function intOf(attrs: Attributes, name: string, fallback: number): number {
  const v = attrs[name];
  return typeof v === 'number' ? v : fallback;
}

export function intsOf(attrs: Attributes, name: string): number[] | undefined {
  const v = attrs[name];
  return Array.isArray(v) ? (v as number[]) : undefined;
}

export function stringOf(attrs: Attributes, name: string, fallback: string): string {
  const v = attrs[name];
  return typeof v === 'string' ? v : fallback;
}
