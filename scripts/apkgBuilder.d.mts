/** Which package layout to write: see scripts/apkgBuilder.mjs. */
export type ApkgFormat = 'anki2' | 'anki21' | 'anki21b';

export interface TemplateSpec {
  name: string;
  qfmt: string;
  afmt: string;
}

/** A note type: a stock one by kind (fields and templates as Anki's, in English), or 'custom' with its own. */
export interface NoteTypeSpec {
  kind: 'basic' | 'reversed' | 'optionalReversed' | 'cloze' | 'custom';
  /** Defaults to Anki's English name ('Basic', 'Cloze', ...); custom types need one. */
  name?: string;
  id?: number;
  fields?: string[];
  templates?: TemplateSpec[];
  isCloze?: boolean;
  /** Anki's OriginalStockKind (6: image occlusion). */
  originalStockKind?: number;
}

export interface CardSpec {
  ord: number;
  /** Its home deck (default: the note's deck). */
  deck?: string;
  /** A filtered deck it sits in for now (its home deck becomes `odid`). */
  filteredDeck?: string;
  id?: number;
}

export interface NoteSpec {
  /** A note type's name. */
  noteType: string;
  fields: string[];
  guid?: string;
  id?: number;
  tags?: string[];
  /** Full name, `A::B::C`; default 'Default'. */
  deck?: string;
  /** Default: the cards Anki would make (every template; clozes by number; optional reverse when its field is filled). */
  cards?: CardSpec[];
}

export interface MediaSpec {
  name: string;
  bytes: Uint8Array;
  /** What the new-style media list says the size is (default: the real size). */
  declaredSize?: number;
}

export interface RevlogSpec {
  /** The note's guid. */
  note: string;
  /** The card's ordinal (default 0). */
  ord?: number;
  /** Epoch ms of the answer (the revlog id). */
  id: number;
  ease: number;
  /** 0 learn, 1 review, 2 relearn, 3 filtered, 4 manual, 5 rescheduled (default 1). */
  type?: number;
  /** Answer time in ms (default 5000). */
  time?: number;
  ivl?: number;
  lastIvl?: number;
  factor?: number;
}

export interface PackageSpec {
  /** Default: Basic, Basic (and reversed card), Basic (optional reversed card), Cloze. */
  noteTypes?: NoteTypeSpec[];
  /** Extra decks (parents are added as Anki adds them). */
  decks?: string[];
  notes: NoteSpec[];
  media?: MediaSpec[];
  revlog?: RevlogSpec[];
}

export interface BuildOptions {
  /** Default 'anki21b'. */
  format?: ApkgFormat;
  /** `col.ver` to write (default 11, or 18 for 'anki21b'). */
  schemaVersion?: number;
  /** Statements run on the collection after it is filled. */
  sql?: string[];
  /** false: no placeholder `collection.anki2` beside a newer collection. */
  placeholder?: boolean;
}

/** Zip entries: bytes (deflated) or [bytes, stored?]. */
export type PackageEntries = Record<string, Uint8Array | [Uint8Array, boolean]>;

export declare const PLACEHOLDER_TEXT: string;
export declare function zstdCompress(bytes: Uint8Array): Promise<Uint8Array>;
export declare function stockNoteType(kind: 'basic' | 'reversed' | 'optionalReversed' | 'cloze', name?: string): Required<Pick<NoteTypeSpec, 'kind' | 'name' | 'fields' | 'templates' | 'originalStockKind'>>;
export declare function encodePackageMeta(version: number): Uint8Array;
export declare function encodeMediaEntries(entries: { name: string; size: number; sha1?: Uint8Array }[]): Uint8Array;
export declare function buildCollection(spec: PackageSpec, options?: { schema?: 11 | 18; schemaVersion?: number; sql?: string[] }): Promise<Uint8Array>;
export declare function buildPlaceholderCollection(): Promise<Uint8Array>;
export declare function zipPackage(entries: PackageEntries): Uint8Array;
export declare function buildPackageEntries(spec: PackageSpec, options?: BuildOptions): Promise<PackageEntries>;
export declare function buildApkg(spec: PackageSpec, options?: BuildOptions): Promise<Uint8Array>;
