/**
 * Our own small model of a workbook, and the port a spreadsheet library implements.
 *
 * The workbook builder and the importer speak only these types; exactly one adapter
 * (exceljsAdapter.ts) translates them to and from a library, so the library can be replaced.
 * Rows and columns are 1-based, as in a spreadsheet.
 */

/** Column letters of a 1-based column number: 1 → A, 27 → AA. */
export function colLetters(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** A1-style address of a 1-based position. */
export const cellAddress = (row: number, col: number): string => `${colLetters(col)}${row}`;

/** A value written into a cell. Text is always text, never parsed as a formula. */
export type CellInput =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'number'; readonly value: number }
  /** A formula (English function names, no leading “=”) with its computed result stored. */
  | { readonly kind: 'formula'; readonly formula: string; readonly result: number | string };

export interface CellStyle {
  readonly font: { readonly name: string; readonly size: number; readonly bold?: boolean; readonly color?: string };
  /** Solid fill, ARGB hex like `FFEDEDED`. */
  readonly fill?: string;
  readonly horizontal?: 'left' | 'center' | 'right';
  readonly vertical?: 'top' | 'middle';
  readonly wrap?: boolean;
  /** Thin border on all four sides. */
  readonly border?: boolean;
  readonly numFmt?: string;
  /** Editable when the sheet is protected. */
  readonly unlocked?: boolean;
}

/** A number rule on one cell: a whole number or a decimal, not below `min`. */
export interface NumberValidation {
  readonly type: 'whole' | 'decimal';
  readonly min: number;
  readonly errorTitle: string;
  readonly error: string;
  readonly promptTitle?: string;
  readonly prompt?: string;
}

export interface SheetCell {
  readonly row: number;
  readonly col: number;
  readonly value?: CellInput;
  /** Shared by reference between cells; never mutated after it is built. */
  readonly style?: CellStyle;
  readonly validation?: NumberValidation;
}

export interface Merge {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

export interface SheetModel {
  readonly name: string;
  readonly hidden?: boolean;
  /** Column widths in characters, from column 1. */
  readonly columnWidths: readonly number[];
  /** Row heights in points, by row number. */
  readonly rowHeights: ReadonlyMap<number, number>;
  readonly cells: readonly SheetCell[];
  readonly merges: readonly Merge[];
  /** Protect the sheet without a password: labels cannot be moved by a slip. */
  readonly protect: boolean;
  /** Rows and columns kept in view while scrolling. */
  readonly freeze?: { readonly rows: number; readonly cols: number };
  readonly print: {
    readonly landscape: boolean;
    /** Rows repeated at the top of every printed page, e.g. [2, 4]. */
    readonly titleRows?: readonly [number, number];
  };
}

export interface BookModel {
  readonly title: string;
  readonly creator: string;
  readonly sheets: readonly SheetModel[];
}

/** A value read from a cell, whatever wrote the file. */
export type ReadScalar =
  | { readonly kind: 'empty' }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'bool'; readonly value: boolean }
  | { readonly kind: 'date'; readonly value: Date }
  | { readonly kind: 'error'; readonly text: string };

export type ReadValue =
  | ReadScalar
  /** A formula and its stored result (`empty` when the writer stored none). */
  | { readonly kind: 'formula'; readonly formula: string; readonly result: ReadScalar };

export interface ReadSheet {
  readonly name: string;
  readonly hidden: boolean;
  /** Number of the last row that holds anything. */
  readonly lastRow: number;
  /** The value at a position; a cell covered by a merge reads as empty. */
  readonly cell: (row: number, col: number) => ReadValue;
}

export interface ReadBook {
  readonly sheets: readonly ReadSheet[];
  readonly sheet: (name: string) => ReadSheet | undefined;
}

/** What a spreadsheet library must do for us. `read` may throw on a damaged file. */
export interface XlsxPort {
  write(book: BookModel): Promise<Uint8Array>;
  /** Read cell values only; data validations and other decorations are skipped. */
  read(bytes: Uint8Array): Promise<ReadBook>;
}
