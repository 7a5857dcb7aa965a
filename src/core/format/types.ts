/**
 * Types that describe a mandated report format as data.
 *
 * A format is the single source of truth for every label, every cell id, which cells are
 * entered and which are sums, and how the printed tables merge their label cells. Forms, the
 * checker, the DOCX and XLSX exports and the XLSX import all read it; none of them repeats a label.
 */

export type TableId = 't2' | 't3' | 't4';

/** What a numeric cell holds: a whole count, or an amount of money in 万元 (up to 4 decimals). */
export type CellKind = 'count' | 'money';

/** The narrative fields of a report document (see document-format.md). */
export type TextKey = 'overview' | 'proactive' | 'applications' | 'review' | 'problems' | 'other';

/** The six sections of the report, in printed order. */
export type SectionKey = 'overview' | 'proactive' | 'applications' | 'review' | 'problems' | 'other';

/** A row or a column of a table block, with its printed label path from outermost to innermost. */
export interface AxisEntry {
  /** The id fragment used in cell ids, e.g. `new`, `deny.secret`, `natural`. */
  readonly key: string;
  /** Printed labels, outermost first. Consecutive entries sharing a prefix merge in print. */
  readonly path: readonly string[];
  /** A short name used inside formula-like messages, e.g. 本年新收. */
  readonly short: string;
  /** How many grid columns a value cell of this column spans (表二 single-column blocks). */
  readonly span?: number;
}

/** One rectangular block of a printed table: optional caption, header rows, body rows. */
export interface TableBlock {
  /** A caption row spanning the whole width (表二: 第二十条第（一）项). */
  readonly caption?: string;
  /** Text of the top-left cell that spans the label columns and all header rows. */
  readonly corner?: string;
  /** Number of grid columns used by row labels (0 for 表四, which has no row label). */
  readonly rowLabelColumns: number;
  readonly columns: readonly AxisEntry[];
  readonly rows: readonly AxisEntry[];
  /** Cell id of a (row, column) pair of this block. */
  readonly cellId: (row: AxisEntry, col: AxisEntry) => string;
  /** Sums implied by the labels (总计 columns and rows). Their targets are derived cells. */
  readonly sums?: readonly SumRule[];
  /** Balances printed as a cross-check (表三's 勾稽关系), checked for every column. */
  readonly balances?: readonly BalanceRule[];
}

/**
 * A sum implied by the labels. With `along: 'row'`, in every row of the block the column `target`
 * equals the sum of the columns `parts`; with `along: 'column'`, in every column the row `target`
 * equals the sum of the rows `parts`.
 */
export interface SumRule {
  readonly rule: string;
  readonly along: 'row' | 'column';
  readonly target: string;
  readonly parts: readonly string[];
}

/** In every column: the sum of rows `left` equals the sum of rows `right`. */
export interface BalanceRule {
  readonly rule: string;
  readonly left: readonly string[];
  readonly right: readonly string[];
}

export interface TableDef {
  readonly id: TableId;
  /** 表二 / 表三 / 表四: how messages refer to the table. */
  readonly name: string;
  /** The section the table belongs to. */
  readonly section: SectionKey;
  /** Total number of grid columns (label columns + value columns). */
  readonly gridColumns: number;
  /** Width of every grid column in millimetres on the 156 mm type area of a 公文 page. */
  readonly columnWidthsMm: readonly number[];
  readonly blocks: readonly TableBlock[];
}

/** Everything known about one numeric cell. */
export interface CellDef {
  readonly id: string;
  readonly table: TableId;
  readonly block: number;
  readonly row: AxisEntry;
  readonly col: AxisEntry;
  /** Row label as a reader names it, e.g. “（三）不予公开 1.属于国家秘密”. */
  readonly rowName: string;
  /** Column label as a reader names it, e.g. 自然人, 行政诉讼 复议后起诉 总计. */
  readonly colName: string;
  readonly kind: CellKind;
  /** For a derived (sum) cell: the cells it adds up. Absent for entered cells. */
  readonly sumOf?: readonly string[];
}

/** A keyword topic the narrative of a section must cover. */
export interface Topic {
  readonly label: string;
  /** Regular-expression source; the topic counts as covered when it matches. */
  readonly pattern: string;
}

export interface SectionDef {
  readonly key: SectionKey;
  /** 一 … 六 */
  readonly numeral: string;
  /** Exact heading, e.g. 一、总体情况. */
  readonly heading: string;
  /** A short label for navigation, e.g. 总体情况. */
  readonly navLabel: string;
  /** What the format requires here, in plain Chinese, shown as a guide. */
  readonly guide: string;
  /** The narrative field: the whole section for 一/五/六, an optional lead paragraph for 二/三/四. */
  readonly textKey: TextKey;
  /** The table printed in this section, if any. */
  readonly table?: TableId;
  /** Topics the narrative must cover, checked by rule `topicsRule`. */
  readonly topics?: readonly Topic[];
  /** The rule that checks the topics (S-4, S-5, S-6). */
  readonly topicsRule?: string;
  /**
   * 'required': an empty section (or a bare “无”) is an error; 'expected': missing topics are
   * warnings only.
   */
  readonly presence?: 'required' | 'expected';
  /** Extra topics required only of a 人民政府 (《条例》第五十条第（四）项). */
  readonly governmentTopics?: readonly Topic[];
}

export interface ReportFormat {
  /** Identifier of the format, e.g. `2021`. */
  readonly id: string;
  /** The notice that mandates it, e.g. 国办公开办函〔2021〕30号. */
  readonly citation: string;
  readonly sections: readonly SectionDef[];
  readonly tables: readonly TableDef[];
  /** The official cross-check printed in 表三's corner cell. */
  readonly crossCheckNote: string;
}
