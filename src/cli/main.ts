/**
 * nianbao command line:
 *   check FILE [--previous LAST_YEAR_FILE] [--json]
 *   new --unit NAME --year YYYY [--kind government|department|other] [--level L] [--from LAST_YEAR_FILE] -o FILE
 *   export FILE [--docx OUT] [--xlsx OUT] [--fonts standard|common]
 *   import WORKBOOK.xlsx -o FILE.json
 * Exit codes: 0 fine, 1 the report has errors, 2 the input cannot be read or the call is wrong.
 */
import { parseArgs } from 'node:util';
import { dirname, join } from 'node:path';
import { check, RULE_BY_ID, type Finding } from '../core/checker';
import {
  blankDocument,
  documentFromPrevious,
  MAX_DOCUMENT_BYTES,
  parseDocument,
  serializeDocument,
  type ReportDocument,
} from '../core/document';
import { UNIT_KINDS, UNIT_LEVELS, type UnitKind, type UnitLevel } from '../core/format';
import { buildDocx, docxFileName } from '../core/export/docx';
import type { Result } from '../core/result';
import { readWorkbook, writeWorkbook, xlsxFileName } from '../core/xlsx';
import { existsSync } from 'node:fs';
import { readBytes, readText, writeFileAtomic } from './files';

const MAX_WORKBOOK_BYTES = 10 * 1024 * 1024;

const USAGE = `年报助手命令行

用法：
  node bin/nianbao.js check 报告.json [--previous 上年报告.json] [--json]
  node bin/nianbao.js new --unit 单位名称 --year 年度 [--kind government|department|other]
                          [--level province|city|county|township] [--from 上年报告.json] -o 新报告.json [--force]
  node bin/nianbao.js export 报告.json [--docx 输出.docx] [--xlsx 输出.xlsx] [--fonts standard|common]
  node bin/nianbao.js import 工作簿.xlsx -o 报告.json [--force]

new 和 import 不会覆盖已有的报告文件；确需替换时加 --force，原文件会另存为带时间的 .bak 备份。

退出码：0 没有错误；1 报告有错误；2 文件无法读取或命令用法不对。
`;

interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

const defaultIo: Io = {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
};

function loadDocument(path: string, io: Io): ReportDocument | undefined {
  const text = readText(path, MAX_DOCUMENT_BYTES);
  const doc: Result<ReportDocument> = text.ok ? parseDocument(text.value) : text;
  if (!doc.ok) {
    io.err(`无法读取“${path}”：${doc.error.message}\n`);
    return undefined;
  }
  return doc.value;
}

const refuseOverwrite = (path: string): string =>
  `文件“${path}”已存在，没有覆盖。请换一个文件名；确需替换时加 --force（原文件会另存为带时间的 .bak 备份）。\n`;

const SEVERITY_CN = { error: '错误', warning: '提示', info: '信息' } as const;

/** The findings contract of document-format.md. */
const publicFinding = (f: Finding): Record<string, unknown> => ({
  rule: f.rule,
  severity: f.severity,
  cells: f.cells,
  message: f.message,
  ...(f.expected !== undefined ? { expected: f.expected } : {}),
  ...(f.actual !== undefined ? { actual: f.actual } : {}),
  ...(f.explanation !== undefined ? { explanation: f.explanation } : {}),
});

function cmdCheck(args: string[], io: Io): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { previous: { type: 'string' }, json: { type: 'boolean', default: false } },
  });
  if (positionals.length !== 1) {
    io.err(`check 需要且只需要一个报告文件。\n\n${USAGE}`);
    return 2;
  }
  const doc = loadDocument(positionals[0]!, io);
  if (!doc) return 2;
  let previous = doc.lastYear;
  if (values.previous) {
    const prev = loadDocument(values.previous, io);
    if (!prev) return 2;
    previous = prev;
  }
  const result = check(doc, previous);
  if (values.json) {
    io.out(`${JSON.stringify({ findings: result.findings.map(publicFinding) }, null, 2)}\n`);
  } else {
    for (const f of result.findings) {
      const kept = f.explanation ? `（已说明：${f.explanation}）` : '';
      io.out(`${SEVERITY_CN[f.severity]} [${f.rule}] ${f.message}${kept}\n`);
    }
    io.out(
      result.findings.length === 0
        ? '检查通过：没有发现问题。\n'
        : `共 ${result.errors} 个错误、${result.warnings} 个提示${result.explained ? `、${result.explained} 个已说明的提示` : ''}。\n`,
    );
  }
  return result.errors > 0 ? 1 : 0;
}

function cmdNew(args: string[], io: Io): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      unit: { type: 'string' },
      year: { type: 'string' },
      kind: { type: 'string' },
      level: { type: 'string' },
      from: { type: 'string' },
      out: { type: 'string', short: 'o' },
      force: { type: 'boolean', default: false },
    },
  });
  if (positionals.length > 0 || !values.out) {
    io.err(`new 需要用 -o 指定输出文件。\n\n${USAGE}`);
    return 2;
  }
  if (!values.force && existsSync(values.out)) {
    io.err(refuseOverwrite(values.out));
    return 2;
  }
  if (values.kind !== undefined && !Object.hasOwn(UNIT_KINDS, values.kind)) {
    io.err(`--kind 应为 government（人民政府）、department（部门）或 other（其他），而不是“${values.kind}”。\n`);
    return 2;
  }
  if (values.level !== undefined && !Object.hasOwn(UNIT_LEVELS, values.level)) {
    io.err(`--level 应为 province、city、county 或 township，而不是“${values.level}”。\n`);
    return 2;
  }
  const year = values.year === undefined ? undefined : /^\d{4}$/.test(values.year) ? Number(values.year) : Number.NaN;
  if (year !== undefined && (!Number.isInteger(year) || year < 2008 || year > 2100)) {
    io.err(`--year 应为四位年份，例如 2025，而不是“${values.year}”。\n`);
    return 2;
  }
  let doc: ReportDocument;
  if (values.from) {
    const prev = loadDocument(values.from, io);
    if (!prev) return 2;
    doc = documentFromPrevious(prev, year ?? prev.year + 1);
    const unit = {
      ...doc.unit,
      ...(values.unit ? { name: values.unit } : {}),
      ...(values.kind ? { kind: values.kind as UnitKind } : {}),
      ...(values.level ? { level: values.level as UnitLevel } : {}),
    };
    doc = { ...doc, unit };
  } else {
    if (!values.unit || year === undefined) {
      io.err(`new 需要 --unit 单位名称 和 --year 年度（或用 --from 从上年报告新建）。\n\n${USAGE}`);
      return 2;
    }
    const kind = (values.kind ?? 'government') as UnitKind;
    doc = blankDocument({ name: values.unit, kind, ...(values.level ? { level: values.level as UnitLevel } : {}) }, year);
  }
  const written = writeFileAtomic(values.out, serializeDocument(doc));
  if (!written.ok) {
    io.err(`${written.error.message}\n`);
    return 2;
  }
  if (written.value.backup) io.err(`原有文件已备份为“${written.value.backup}”。\n`);
  io.err(`已创建 ${doc.unit.name}${doc.year}年度报告：${values.out}\n`);
  return 0;
}

async function cmdExport(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { docx: { type: 'string' }, xlsx: { type: 'string' }, fonts: { type: 'string', default: 'standard' } },
  });
  if (positionals.length !== 1) {
    io.err(`export 需要且只需要一个报告文件。\n\n${USAGE}`);
    return 2;
  }
  if (values.fonts !== 'standard' && values.fonts !== 'common') {
    io.err(`--fonts 应为 standard（公文标准字体）或 common（通用字体），而不是“${values.fonts}”。\n`);
    return 2;
  }
  const file = positionals[0]!;
  const doc = loadDocument(file, io);
  if (!doc) return 2;
  const both = !values.docx && !values.xlsx;
  const result = check(doc, doc.lastYear);
  if (result.errors > 0) io.err(`注意：报告还有 ${result.errors} 个错误，导出的文件也会带着这些错误。\n`);
  const targets: { path: string; build: () => Promise<Uint8Array> }[] = [];
  if (values.docx || both) {
    targets.push({ path: values.docx ?? join(dirname(file), docxFileName(doc)), build: () => buildDocx(doc, { fonts: values.fonts as 'standard' | 'common' }) });
  }
  if (values.xlsx || both) {
    targets.push({ path: values.xlsx ?? join(dirname(file), xlsxFileName(doc)), build: () => writeWorkbook(doc, result.findings) });
  }
  for (const t of targets) {
    const bytes = await t.build();
    const written = writeFileAtomic(t.path, bytes);
    if (!written.ok) {
      io.err(`${written.error.message}\n`);
      return 2;
    }
    if (written.value.backup) io.err(`原有文件已备份为“${written.value.backup}”。\n`);
    io.err(`已导出：${t.path}\n`);
  }
  return 0;
}

async function cmdImport(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { out: { type: 'string', short: 'o' }, force: { type: 'boolean', default: false } },
  });
  if (positionals.length !== 1 || !values.out) {
    io.err(`import 需要一个工作簿文件，并用 -o 指定输出的报告文件。\n\n${USAGE}`);
    return 2;
  }
  if (!values.force && existsSync(values.out)) {
    io.err(refuseOverwrite(values.out));
    return 2;
  }
  const bytes = readBytes(positionals[0]!, MAX_WORKBOOK_BYTES);
  if (!bytes.ok) {
    io.err(`${bytes.error.message}\n`);
    return 2;
  }
  const imported = await readWorkbook(bytes.value);
  if (!imported.ok) {
    io.err(`无法导入“${positionals[0]}”：${imported.error.message}\n`);
    return 2;
  }
  for (const f of imported.value.findings) io.err(`${SEVERITY_CN[f.severity]} [${f.rule}] ${f.message}\n`);
  const written = writeFileAtomic(values.out, serializeDocument(imported.value.doc));
  if (!written.ok) {
    io.err(`${written.error.message}\n`);
    return 2;
  }
  if (written.value.backup) io.err(`原有文件已备份为“${written.value.backup}”。\n`);
  io.err(`已导入为报告文件：${values.out}\n`);
  return 0;
}

export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'check':
        return cmdCheck(rest, io);
      case 'new':
        return cmdNew(rest, io);
      case 'export':
        return await cmdExport(rest, io);
      case 'import':
        return await cmdImport(rest, io);
      case 'rules':
        for (const r of RULE_BY_ID.values()) io.out(`${r.id}\t${SEVERITY_CN[r.severity]}\t${r.title}\n`);
        return 0;
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.out(USAGE);
        return command === undefined ? 2 : 0;
      default:
        io.err(`不认识的命令“${command}”。\n\n${USAGE}`);
        return 2;
    }
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
      io.err(`命令用法不对：${(e as Error).message}\n\n${USAGE}`);
      return 2;
    }
    io.err(`年报助手出现内部错误：${(e as Error).message}\n`);
    return 2;
  }
}
