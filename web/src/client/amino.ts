// Amino JSON converters for x/modeltoken messages, derived from the proto
// JSON that ts-proto writes plus what web/src/gen/amino_fields.json (generated
// from the protos' amino options by scripts/aminofields) says: the amino type
// name, the fields printed even when empty, renamed fields. The chain checks
// the signature against x/tx's aminojson encoding of the same message, so a
// difference shows as "signature verification failed"; the e2e signs every
// message the app sends in this mode (web/e2e/amino.e2e.test.ts).
import { AminoTypes, createDefaultAminoConverters, type AminoConverters } from "@cosmjs/stargate";
import fields from "../gen/amino_fields.json";
import { modeltokenTypes, type MessageCodec } from "./registry.js";

interface MessageInfo {
  aminoName?: string;
  dontOmitempty?: Record<string, unknown>;
  fieldNames?: Record<string, string>;
  nested?: Record<string, string>;
}
const messages = fields.messages as Record<string, MessageInfo>;
const msgNames = fields.msgs as Record<string, string>;

/** protoName converts a proto JSON (lowerCamelCase) key back to the proto field name. */
export function protoName(jsonKey: string): string {
  return jsonKey.replace(/[A-Z]/g, (c) => "_" + c.toLowerCase());
}

/** toAminoJSON rewrites proto JSON of message `name` into its amino JSON. */
export function toAminoJSON(name: string, protoJSON: unknown): unknown {
  const info = messages[name] ?? {};
  const src = (protoJSON ?? {}) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(src)) {
    const field = protoName(key);
    const nested = info.nested?.[field];
    const conv = (v: unknown) => (nested ? toAminoJSON(nested, v) : v);
    out[info.fieldNames?.[field] ?? field] = Array.isArray(value) ? value.map(conv) : conv(value);
  }
  for (const [field, empty] of Object.entries(info.dontOmitempty ?? {})) {
    const key = info.fieldNames?.[field] ?? field;
    if (!(key in out)) out[key] = empty;
  }
  return out;
}

/** fromAminoJSON undoes the renames; ts-proto's fromJSON reads proto field names itself. */
export function fromAminoJSON(name: string, aminoJSON: unknown): unknown {
  const info = messages[name] ?? {};
  const src = (aminoJSON ?? {}) as Record<string, unknown>;
  const back = Object.fromEntries(Object.entries(info.fieldNames ?? {}).map(([p, a]) => [a, p]));
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(src)) {
    const field = back[key] ?? key;
    const nested = info.nested?.[field];
    const conv = (v: unknown) => (nested ? fromAminoJSON(nested, v) : v);
    out[field] = Array.isArray(value) ? value.map(conv) : conv(value);
  }
  return out;
}

/** The converters for every x/modeltoken message that has an amino name. */
export function modeltokenAminoConverters(): AminoConverters {
  const converters: AminoConverters = {};
  for (const [typeUrl, codec] of modeltokenTypes) {
    const name = msgNames[typeUrl];
    const aminoType = name ? messages[name]?.aminoName : undefined;
    if (!name || !aminoType) continue;
    const c = codec as MessageCodec;
    converters[typeUrl] = {
      aminoType,
      toAmino: (msg: unknown) => toAminoJSON(name, c.toJSON(msg)),
      fromAmino: (json: unknown) => c.fromJSON(fromAminoJSON(name, json)),
    };
  }
  return converters;
}

/** AminoTypes for the SDK's default messages and x/modeltoken's. */
export function createAminoTypes(): AminoTypes {
  return new AminoTypes({ ...createDefaultAminoConverters(), ...modeltokenAminoConverters() });
}
