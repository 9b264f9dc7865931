/**
 * A minimal protobuf reader for the few small messages an Anki package
 * carries (`meta`'s PackageMetadata, the media list's MediaEntries, a note
 * type's and a template's config). Hand-written rather than a protobuf
 * library: the messages are a handful of fields each, and a library plus
 * generated code would add tens of kilobytes to the import chunk for them.
 * Every read is bounds-checked; a malformed message gives `null`, never an
 * exception or a read past the end. Unknown fields are skipped by wire type.
 */

/** One field of a message as it was on the wire: a number (varint, fixed) or bytes (length-delimited). */
export type ProtoField = { field: number; wire: 0 | 1 | 5; value: number } | { field: number; wire: 2; bytes: Uint8Array };

/** A decoded message: its fields in wire order, repeated fields as they came. */
export type ProtoMessage = readonly ProtoField[];

/**
 * Reads a varint at `at`: its value (exact up to 2^53, larger values lose
 * precision, which no field read here can hold) and the offset after it;
 * null when it runs past the end or is longer than ten bytes.
 */
function readVarint(bytes: Uint8Array, at: number): { value: number; next: number } | null {
  let value = 0;
  let scale = 1;
  for (let i = 0; i < 10; i++) {
    const byte = bytes[at + i];
    if (byte === undefined) return null;
    value += (byte & 0x7f) * scale;
    scale *= 128;
    if ((byte & 0x80) === 0) return { value, next: at + i + 1 };
  }
  return null;
}

/**
 * Decodes one message level: each field with its number and value.
 * Length-delimited values stay bytes (a nested message, a string or
 * bytes: the caller knows which). Groups (wire types 3 and 4, long
 * deprecated) and anything cut short make the message unreadable (null).
 *
 * @example
 * decodeMessage(new Uint8Array([0x08, 0x03])); // [{ field: 1, wire: 0, value: 3 }]
 * decodeMessage(new Uint8Array([0x0a, 0x05, 0x61])); // null: 5 bytes promised, 1 there
 */
export function decodeMessage(bytes: Uint8Array): ProtoMessage | null {
  const fields: ProtoField[] = [];
  let at = 0;
  while (at < bytes.length) {
    const key = readVarint(bytes, at);
    if (!key) return null;
    at = key.next;
    const field = Math.floor(key.value / 8);
    const wire = key.value % 8;
    if (field < 1) return null;
    if (wire === 0) {
      const varint = readVarint(bytes, at);
      if (!varint) return null;
      fields.push({ field, wire: 0, value: varint.value });
      at = varint.next;
    } else if (wire === 1 || wire === 5) {
      const size = wire === 1 ? 8 : 4;
      if (at + size > bytes.length) return null;
      // The low 32 bits: enough for the fixed fields we never read, kept for completeness.
      const value = (bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8) | ((bytes[at + 2] ?? 0) << 16) | ((bytes[at + 3] ?? 0) << 24);
      fields.push({ field, wire, value: value >>> 0 });
      at += size;
    } else if (wire === 2) {
      const length = readVarint(bytes, at);
      if (!length) return null;
      at = length.next;
      if (length.value > bytes.length - at) return null;
      fields.push({ field, wire: 2, bytes: bytes.subarray(at, at + length.value) });
      at += length.value;
    } else {
      return null;
    }
  }
  return fields;
}

const utf8 = new TextDecoder();

/** The last value of a varint field (proto3: the last one wins), or `fallback` when absent. */
export function varintField(message: ProtoMessage, field: number, fallback = 0): number {
  let value = fallback;
  for (const entry of message) if (entry.field === field && entry.wire === 0) value = entry.value;
  return value;
}

/** Every value of a length-delimited field, in order (a repeated message field). */
export function bytesFields(message: ProtoMessage, field: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const entry of message) if (entry.field === field && entry.wire === 2) out.push(entry.bytes);
  return out;
}

/** The last value of a string field as text (invalid UTF-8 replaced), or '' when absent. */
export function stringField(message: ProtoMessage, field: number): string {
  const all = bytesFields(message, field);
  const last = all[all.length - 1];
  return last ? utf8.decode(last) : '';
}
