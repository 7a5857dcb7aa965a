/**
 * The command line (document-format.md): `main(argv, io)` in-process for most cases, and the real
 * `node bin/nianbao.js` for the contract a script relies on (exit codes, stdout, stderr).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main';
import { RULES } from '../src/core/checker/catalog';
import { parseDocument, type ReportDocument } from '../src/core/document';
import { CELLS } from '../src/core/format';
import { cliBin, readFixture, repoRoot, SEED } from './helpers/paths';

const seedText = readFixture('seed-2024.json');
const seedRaw = JSON.parse(seedText) as Record<string, unknown> & { cells: Record<string, number> };
const APPLICANTS = ['natural', 'commercial', 'research', 'ngo', 'legal', 'other'] as const;
const RULE_IDS = new Set(RULES.map((r) => r.id));

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'nianbao-cli-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Write a file into the temp dir and return its path. */
const put = (name: string, content: string): string => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};
const putDoc = (name: string, patch: Record<string, unknown>, cells: Record<string, unknown> = {}): string =>
  put(name, JSON.stringify({ ...seedRaw, ...patch, cells: { ...seedRaw.cells, ...cells } }, null, 2));

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** In-process, with a capturing io. */
async function run(...argv: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { out: (s) => (stdout += s), err: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

/** The real thing: a child `node bin/nianbao.js`. */
function spawnCli(...argv: string[]): Run {
  const r = spawnSync(process.execPath, [cliBin, ...argv], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 });
  if (r.error) throw r.error;
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function readDoc(path: string): ReportDocument {
  const r = parseDocument(readFileSync(path, 'utf8'));
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

interface PublicFinding {
  rule: string;
  severity: string;
  cells: string[];
  message: string;
  expected?: number;
  actual?: number;
}

/** stdout of `check --json` must be exactly one JSON object {findings:[…]} per document-format.md. */
function parseFindings(stdout: string): PublicFinding[] {
  const parsed = JSON.parse(stdout) as unknown;
  expect(parsed).toBeTypeOf('object');
  expect(Array.isArray(parsed)).toBe(false);
  expect(Object.keys(parsed as object)).toEqual(['findings']);
  const findings = (parsed as { findings: unknown }).findings;
  expect(Array.isArray(findings)).toBe(true);
  for (const f of findings as Record<string, unknown>[]) {
    expect(Object.keys(f)).toEqual(expect.arrayContaining(['rule', 'severity', 'cells', 'message']));
    for (const k of Object.keys(f)) expect(['rule', 'severity', 'cells', 'message', 'expected', 'actual', 'explanation']).toContain(k);
    expect(RULE_IDS.has(f.rule as string), String(f.rule)).toBe(true);
    expect(['error', 'warning', 'info']).toContain(f.severity);
    expect(Array.isArray(f.cells)).toBe(true);
    for (const id of f.cells as string[]) expect(CELLS.byId.has(id), id).toBe(true);
    expect(f.message).toMatch(/[\u4e00-\u9fff]/);
    if ('expected' in f) expect(typeof f.expected).toBe('number');
    if ('actual' in f) expect(typeof f.actual).toBe('number');
  }
  return findings as PublicFinding[];
}

// ---------------------------------------------------------------------------------------------

describe('nianbao check (real process)', () => {
  it('the seed report: exit 0 and a readable summary', () => {
    const r = spawnCli('check', SEED);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/共 0 个错误|检查通过/);
    expect(r.stderr).toBe('');
  });

  it('--json: one JSON object {findings:[…]} on stdout, exactly the contract', () => {
    const r = spawnCli('check', SEED, '--json');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const findings = parseFindings(r.stdout);
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('a report breaking T3-1: exit 1 and the finding with cells, expected and actual', () => {
    // 自然人: 本年新收 25 + 上年结转 0, but 办理结果总计 24 + 结转下年度 0.
    const file = putDoc('t3-1.json', {}, { 'a.new.natural': 25, 'a.new.total': 26 });
    const r = spawnCli('check', file, '--json');
    expect(r.code).toBe(1);
    const findings = parseFindings(r.stdout);
    const f = findings.find((x) => x.rule === 'T3-1' && x.cells.includes('a.new.natural'));
    expect(f).toBeDefined();
    expect(f!.severity).toBe('error');
    expect(f!.cells).toEqual(expect.arrayContaining(['a.new.natural', 'a.carried.natural', 'a.done.natural', 'a.next.natural']));
    expect(f!.expected).toBe(25);
    expect(f!.actual).toBe(24);
    expect(f!.message).toContain('自然人');
    expect(f!.message).toContain('25');
    expect(f!.message).toContain('24');
    // Without --json the same finding prints as a Chinese line, and the exit code is the same.
    const plain = spawnCli('check', file);
    expect(plain.code).toBe(1);
    expect(plain.stdout).toContain('[T3-1]');
    expect(plain.stdout).toContain('错误');
  });

  it('a file that is not JSON: exit 2, Chinese on stderr, nothing on stdout', () => {
    const file = put('broken.json', '{"format": "nianbao", "cells": {');
    for (const argv of [['check', file], ['check', file, '--json']]) {
      const r = spawnCli(...argv);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain('不是有效的 JSON');
      expect(r.stderr).toContain(file);
    }
  });

  it('a missing file: exit 2, Chinese on stderr, nothing on stdout', () => {
    const r = spawnCli('check', join(dir, '没有这个文件.json'), '--json');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('找不到文件');
    expect(r.stderr).toContain('没有这个文件.json');
  });

  it('--previous with a different 结转下年度: T3-4 error', () => {
    const prev = putDoc('prev-2023.json', { year: 2023 }, { 'a.next.natural': 3, 'a.next.total': 3 });
    const r = spawnCli('check', SEED, '--previous', prev, '--json');
    expect(r.code).toBe(1);
    const t34 = parseFindings(r.stdout).filter((f) => f.rule === 'T3-4');
    const natural = t34.find((f) => f.cells.includes('a.carried.natural'));
    expect(natural).toMatchObject({ severity: 'error', expected: 3, actual: 0 });
    expect(natural!.message).toContain('自然人');
    // Columns that agree are not reported.
    expect(t34.some((f) => f.cells.includes('a.carried.commercial'))).toBe(false);
    // The same previous report with matching values: no T3-4.
    const same = putDoc('prev-2023-same.json', { year: 2023 });
    const ok = spawnCli('check', SEED, '--previous', same, '--json');
    expect(parseFindings(ok.stdout).filter((f) => f.rule === 'T3-4')).toEqual([]);
    expect(ok.code).toBe(0);
  });

  it('an unreadable --previous file: exit 2, stdout empty', () => {
    const r = spawnCli('check', SEED, '--previous', join(dir, 'missing-prev.json'), '--json');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('missing-prev.json');
  });
});

describe('nianbao new (real process)', () => {
  it('--unit --year -o writes a valid blank report, kind government by default', () => {
    const out = join(dir, '新 报告 2025.json');
    const r = spawnCli('new', '--unit', '某某镇人民政府', '--year', '2025', '-o', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const doc = readDoc(out);
    expect(doc.unit).toEqual({ name: '某某镇人民政府', kind: 'government' });
    expect(doc.year).toBe(2025);
    expect(doc.cells).toEqual({});
    expect(doc.format).toBe('nianbao');
    expect(doc.schemaVersion).toBe(1);
  });

  it('--from last year: year + 1, same unit, 上年结转 from 结转下年度', () => {
    const nextVals = [2, 0, 0, 1, 0, 4];
    const nextCells = Object.fromEntries(APPLICANTS.map((c, i) => [`a.next.${c}`, nextVals[i]]));
    const prev = putDoc('from-2024.json', {}, { ...nextCells, 'a.next.total': 7 });
    const out = join(dir, 'from-2025.json');
    const r = spawnCli('new', '--from', prev, '-o', out);
    expect(r.code).toBe(0);
    const doc = readDoc(out);
    expect(doc.year).toBe(2025);
    expect(doc.unit).toEqual(seedRaw.unit);
    APPLICANTS.forEach((c, i) => expect(doc.cells[`a.carried.${c}`], c).toBe(nextVals[i]));
    expect(doc.cells['a.carried.total']).toBe(7);
    expect(doc.cells['p.norms.valid']).toBe(18);
    expect(doc.cells['a.new.natural']).toBeUndefined();
    expect(doc.lastYear?.year).toBe(2024);
    // The new report checks clean against the file it came from.
    const c = spawnCli('check', out, '--previous', prev, '--json');
    expect(parseFindings(c.stdout).filter((f) => f.rule === 'T3-4')).toEqual([]);
  });

  it('never replaces an existing file without --force, and then keeps a backup of the old content', () => {
    const out = put('existing.json', 'old content — 旧的内容\n');
    const refused = spawnCli('new', '--unit', '某某局', '--year', '2025', '--kind', 'department', '-o', out);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('已存在');
    expect(readFileSync(out, 'utf8')).toBe('old content — 旧的内容\n');
    const r = spawnCli('new', '--unit', '某某局', '--year', '2025', '--kind', 'department', '-o', out, '--force');
    expect(r.code).toBe(0);
    const backups = readdirSync(dirname(out)).filter((f) => f.startsWith('existing.json.') && f.endsWith('.bak'));
    expect(backups).toHaveLength(1);
    expect(readFileSync(join(dirname(out), backups[0]!), 'utf8')).toBe('old content — 旧的内容\n');
    expect(readDoc(out).unit).toEqual({ name: '某某局', kind: 'department' });
    expect(r.stderr).toContain('备份');
  });
});

describe('nianbao rules and export (real process)', () => {
  it('rules lists every rule id of the catalog', () => {
    const r = spawnCli('rules');
    expect(r.code).toBe(0);
    const ids = r.stdout
      .trim()
      .split('\n')
      .map((l) => l.split('\t')[0]);
    expect(new Set(ids)).toEqual(RULE_IDS);
    expect(ids).toHaveLength(RULES.length);
  });

  it('export of an unreadable file exits 2', () => {
    const r = spawnCli('export', join(dir, 'no-such-report.json'));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('找不到文件');
  });
});

// ---------------------------------------------------------------------------------------------

describe('main(argv, io)', () => {
  it('check of the seed agrees with the real process', async () => {
    const r = await run('check', SEED, '--json');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(spawnCli('check', SEED, '--json').stdout);
  });

  it('check accepts a file with a BOM', async () => {
    const file = put('bom.json', `\uFEFF${seedText}`);
    expect((await run('check', file)).code).toBe(0);
  });

  it.each([
    ['an empty file', '', '空的'],
    ['a JSON array', '[1, 2]', '最外层应为一个对象'],
    ['a foreign file', '{"format": "wps"}', '这不是年报助手的报告文件'],
    ['a format that is an object', '{"format": {"toString": ""}}', '这不是年报助手的报告文件'],
    ['a newer version', JSON.stringify({ ...seedRaw, schemaVersion: 99 }), '升级'],
    ['a string in a cell', JSON.stringify({ ...seedRaw, cells: { ...seedRaw.cells, 'a.new.natural': '24' } }), 'a.new.natural'],
    ['an unknown cell', JSON.stringify({ ...seedRaw, cells: { ...seedRaw.cells, 'a.foo.bar': 1 } }), 'a.foo.bar'],
  ])('check of %s: exit 2, message on stderr, stdout empty', async (_name, content, message) => {
    const file = put(`bad-${Math.random().toString(36).slice(2)}.json`, content);
    const r = await run('check', file, '--json');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
    expect(r.stderr).toMatch(/^无法读取/);
  });

  it('check of a file over the size limit: exit 2, 过大', async () => {
    const file = put('huge.json', `{"x":"${'a'.repeat(3 * 1024 * 1024)}"}`);
    const r = await run('check', file);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('过大');
    expect(r.stdout).toBe('');
  });

  it('check of a folder: exit 2', async () => {
    const r = await run('check', dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
  });

  it('check: the exit code follows the errors, warnings alone keep 0', async () => {
    const warnOnly = putDoc('warn-only.json', { text: { overview: '', problems: '问题和改进', other: '' } });
    const r = await run('check', warnOnly, '--json');
    const findings = parseFindings(r.stdout);
    expect(r.code).toBe(findings.some((f) => f.severity === 'error') ? 1 : 0);
    const negative = putDoc('negative.json', {}, { 'r.review.upheld': -1 });
    const n = await run('check', negative, '--json');
    expect(n.code).toBe(1);
    expect(parseFindings(n.stdout).find((f) => f.rule === 'T4-2')).toMatchObject({ cells: ['r.review.upheld'], actual: -1 });
  });

  it.each([
    [['check']],
    [['check', 'a.json', 'b.json']],
    [['check', SEED, '--bogus']],
    [['frobnicate']],
    [[]],
  ])('a wrong call %j exits 2', async (argv) => {
    const r = await run(...argv);
    expect(r.code).toBe(2);
    expect(r.stdout + r.stderr).toContain('用法');
  });

  it('help exits 0 with the usage', async () => {
    const r = await run('--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('用法');
  });

  it.each([
    ['--kind', ['--unit', 'X', '--year', '2025', '--kind', 'county'], '--kind'],
    ['--level', ['--unit', 'X', '--year', '2025', '--level', 'village'], '--level'],
    ['--year 20x5', ['--unit', 'X', '--year', '20x5'], '--year'],
    ['--year 1999', ['--unit', 'X', '--year', '1999'], '--year'],
    ['--year 2025.5', ['--unit', 'X', '--year', '2025.5'], '--year'],
    ['no --unit', ['--year', '2025'], '--unit'],
    ['no --year', ['--unit', 'X'], '--year'],
  ])('new with a bad %s exits 2 and writes nothing', async (_name, args, mentioned) => {
    const out = join(dir, `never-${Math.random().toString(36).slice(2)}.json`);
    const r = await run('new', ...args, '-o', out);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(mentioned);
    expect(existsSync(out)).toBe(false);
  });

  it('new without -o exits 2', async () => {
    const r = await run('new', '--unit', 'X', '--year', '2025');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('-o');
  });

  it('new --from an unreadable file exits 2 and writes nothing', async () => {
    const out = join(dir, 'from-missing.json');
    const r = await run('new', '--from', join(dir, 'nope.json'), '-o', out);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('找不到文件');
    expect(existsSync(out)).toBe(false);
  });

  it('new --from with overrides: --year, --unit, --kind, --level', async () => {
    const out = join(dir, 'from-override.json');
    const r = await run('new', '--from', SEED, '--year', '2026', '--unit', '新名称', '--kind', 'department', '--level', 'city', '-o', out);
    expect(r.code).toBe(0);
    const doc = readDoc(out);
    expect(doc.year).toBe(2026);
    expect(doc.unit).toEqual({ name: '新名称', kind: 'department', level: 'city' });
    expect(doc.lastYear?.year).toBe(2024);
  });

  it('new with --kind and --level writes them', async () => {
    const out = join(dir, 'kind-level.json');
    const r = await run('new', '--unit', '某某市人民政府', '--year', '2025', '--kind', 'government', '--level', 'city', '-o', out);
    expect(r.code).toBe(0);
    expect(readDoc(out).unit).toEqual({ name: '某某市人民政府', kind: 'government', level: 'city' });
  });

  it('new into a folder that does not exist: exit 2 with a Chinese message', async () => {
    const r = await run('new', '--unit', 'X', '--year', '2025', '-o', join(dir, 'no-such-dir', 'x.json'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('无法写入');
  });

  it('replacing twice keeps every earlier version in its own backup', async () => {
    const sub = mkdtempSync(join(dir, 'twice-'));
    const out = join(sub, 'twice.json');
    const bakOf = (): string[] => readdirSync(sub).filter((f) => f.endsWith('.bak')).sort();
    expect((await run('new', '--unit', '第一', '--year', '2025', '-o', out)).code).toBe(0);
    expect(bakOf()).toEqual([]);
    const first = readFileSync(out, 'utf8');
    expect((await run('new', '--unit', '第二', '--year', '2025', '-o', out, '--force')).code).toBe(0);
    const second = readFileSync(out, 'utf8');
    expect((await run('new', '--unit', '第三', '--year', '2025', '-o', out, '--force')).code).toBe(0);
    const backups = bakOf().map((f) => readFileSync(join(sub, f), 'utf8'));
    expect(backups.sort()).toEqual([first, second].sort());
    expect(readDoc(out).unit.name).toBe('第三');
  });

  it('rejects inherited names and odd years as --kind, --level and --year', async () => {
    for (const args of [['--kind', 'toString'], ['--level', 'constructor'], ['--year', '0x7E8'], ['--year', ' 2024']]) {
      const out = join(dir, `odd-${args[1]!.trim()}.json`);
      const r = await run('new', '--unit', 'X', '--year', '2024', ...args, '-o', out);
      expect(r.code, args.join(' ')).toBe(2);
      expect(existsSync(out)).toBe(false);
    }
  });

  it('rules: one line per rule with its severity and title', async () => {
    const r = await run('rules');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(RULES.length);
    for (const rule of RULES) expect(lines).toContain(`${rule.id}\t${{ error: '错误', warning: '提示', info: '信息' }[rule.severity]}\t${rule.title}`);
  });

  it('export of an unreadable file exits 2', async () => {
    const r = await run('export', join(dir, 'absent.json'), '--docx', join(dir, 'absent.docx'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('找不到文件');
    expect(existsSync(join(dir, 'absent.docx'))).toBe(false);
  });

  it('export with bad --fonts exits 2', async () => {
    const r = await run('export', SEED, '--fonts', 'comic', '--docx', join(dir, 'fonts.docx'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--fonts');
    expect(existsSync(join(dir, 'fonts.docx'))).toBe(false);
  });

  it('export with no file exits 2', async () => {
    expect((await run('export')).code).toBe(2);
  });
});
