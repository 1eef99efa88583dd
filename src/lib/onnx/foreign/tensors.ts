/** Reading ONNX TensorProtos: sizes of any tensor, values of the small ones (shapes, clip bounds). */
import { onnx, type proto } from '../proto';

const DataType = onnx.TensorProto.DataType;

/** protobufjs hands 64-bit integers over as Long objects under Node and as plain numbers in a bundle. */
export function int(value: number | { toNumber(): number } | null | undefined): number {
  if (value === null || value === undefined) return 0;
  return typeof value === 'number' ? value : value.toNumber();
}

const BYTES: Partial<Record<number, number>> = {
  [DataType.FLOAT]: 4,
  [DataType.UINT8]: 1,
  [DataType.INT8]: 1,
  [DataType.UINT16]: 2,
  [DataType.INT16]: 2,
  [DataType.INT32]: 4,
  [DataType.INT64]: 8,
  [DataType.BOOL]: 1,
  [DataType.FLOAT16]: 2,
  [DataType.DOUBLE]: 8,
  [DataType.UINT32]: 4,
  [DataType.UINT64]: 8,
  [DataType.BFLOAT16]: 2,
};

const FLOATING = new Set<number>([DataType.FLOAT, DataType.FLOAT16, DataType.DOUBLE, DataType.BFLOAT16]);

export function typeName(dataType: number): string {
  return DataType[dataType] ?? `type ${dataType}`;
}

export function isFloating(dataType: number): boolean {
  return FLOATING.has(dataType);
}

export function dimsOf(tensor: proto.ITensorProto): number[] {
  return (tensor.dims ?? []).map(int);
}

export function elementCount(dims: readonly number[]): number {
  return dims.reduce((a, b) => a * b, 1);
}

export function byteSize(tensor: proto.ITensorProto): number {
  return elementCount(dimsOf(tensor)) * (BYTES[tensor.dataType ?? 0] ?? 0);
}

export function isExternal(tensor: proto.ITensorProto): boolean {
  return tensor.dataLocation === onnx.TensorProto.DataLocation.EXTERNAL || (tensor.externalData?.length ?? 0) > 0;
}

function rawView(raw: Uint8Array): DataView {
  return new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
}

/** The values of a numeric tensor (float, double, int32, int64), or null for other types. */
export function tensorValues(tensor: proto.ITensorProto): number[] | null {
  const raw = tensor.rawData && tensor.rawData.length > 0 ? rawView(tensor.rawData) : null;
  const n = elementCount(dimsOf(tensor));
  const fromRaw = (size: number, read: (view: DataView, offset: number) => number) =>
    raw ? Array.from({ length: Math.min(n, Math.floor(raw.byteLength / size)) }, (_, i) => read(raw, i * size)) : null;
  switch (tensor.dataType) {
    case DataType.FLOAT:
      return fromRaw(4, (v, o) => v.getFloat32(o, true)) ?? [...(tensor.floatData ?? [])];
    case DataType.DOUBLE:
      return fromRaw(8, (v, o) => v.getFloat64(o, true)) ?? [...(tensor.doubleData ?? [])];
    case DataType.INT32:
      return fromRaw(4, (v, o) => v.getInt32(o, true)) ?? [...(tensor.int32Data ?? [])];
    case DataType.INT64:
      return fromRaw(8, (v, o) => Number(v.getBigInt64(o, true))) ?? (tensor.int64Data ?? []).map(int);
    default:
      return null;
  }
}
