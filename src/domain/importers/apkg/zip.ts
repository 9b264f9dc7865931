/**
 * The zip side of an Anki package, with fflate: the entries and the sizes
 * their headers declare are listed first (nothing inflated), so the caller
 * can refuse a package or a file that would unpack too large before any
 * memory is spent; then only the wanted entries are inflated, each into a
 * buffer of its declared size (an entry that lies about its size cannot grow
 * past it). Problems come back as results, never exceptions.
 */
import { unzipSync } from 'fflate';

/** One entry of the archive's central directory. */
export interface ZipEntry {
  name: string;
  /** Bytes once inflated, as the header declares. */
  size: number;
}

/** The archive's entries, or null when it is not a readable zip (no end-of-directory record, a broken directory). */
export function listZip(bytes: Uint8Array): ZipEntry[] | null {
  const entries: ZipEntry[] = [];
  try {
    unzipSync(bytes, {
      filter: (file) => {
        entries.push({ name: file.name, size: file.originalSize });
        return false;
      },
    });
  } catch {
    return null;
  }
  return entries;
}

export type UnzipResult = { ok: true; files: Map<string, Uint8Array> } | { ok: false; entry: string };

/**
 * Inflates the entries `wanted` names (all of them in one pass over the
 * directory). An entry that does not inflate, or comes out shorter than its
 * header said, fails the whole read with its name.
 */
export function unzipEntries(bytes: Uint8Array, wanted: ReadonlySet<string>): UnzipResult {
  let current = '';
  const sizes = new Map<string, number>();
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (file) => {
        if (!wanted.has(file.name)) return false;
        current = file.name;
        sizes.set(file.name, file.originalSize);
        return true;
      },
    });
  } catch {
    return { ok: false, entry: current };
  }
  const out = new Map<string, Uint8Array>();
  for (const [name, data] of Object.entries(files)) {
    if (data.length !== sizes.get(name)) return { ok: false, entry: name };
    out.set(name, data);
  }
  return { ok: true, files: out };
}
