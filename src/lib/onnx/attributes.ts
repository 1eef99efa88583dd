import { onnx, type proto } from './proto';

const Type = onnx.AttributeProto.AttributeType;

export function intAttr(name: string, i: number): proto.IAttributeProto {
  return { name, type: Type.INT, i };
}

export function intsAttr(name: string, ints: readonly number[]): proto.IAttributeProto {
  return { name, type: Type.INTS, ints: [...ints] };
}

export function floatAttr(name: string, f: number): proto.IAttributeProto {
  return { name, type: Type.FLOAT, f };
}

export function stringAttr(name: string, s: string): proto.IAttributeProto {
  return { name, type: Type.STRING, s: new TextEncoder().encode(s) };
}
