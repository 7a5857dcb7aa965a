import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { afterAll, describe, expect, it } from 'vitest';
import { openSettings, type StoreLike } from '../../src/main/settings';
import { hasChinese } from './helpers';

/** The same store electron-store builds (electron-store is a thin subclass of conf). */
const confStore = (dir: string) => (): StoreLike =>
  new Conf<Record<string, unknown>>({ cwd: dir, configName: 'settings', clearInvalidConfig: false }) as unknown as StoreLike;

const dirs: string[] = [];
const tempDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'nianbao-settings-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('settings', () => {
  it('starts with defaults and remembers what is set', () => {
    const dir = tempDir();
    const file = join(dir, 'settings.json');
    const s = openSettings({ file, create: confStore(dir) });
    expect(s.notice).toBeUndefined();
    expect(s.get()).toEqual({ recentUnits: [], docxFonts: 'standard' });
    s.set({ unit: { name: '集贤县人民政府', kind: 'government', level: 'county' }, contact: { person: '张三', phone: '0469-1234567' } });
    s.set({ docxFonts: 'common', recentUnits: ['集贤县人民政府'] });
    s.saveWindowState({ x: 10, y: 20, width: 1200, height: 800, maximized: true });
    const again = openSettings({ file, create: confStore(dir) });
    expect(again.get()).toEqual({
      unit: { name: '集贤县人民政府', kind: 'government', level: 'county' },
      contact: { person: '张三', phone: '0469-1234567' },
      recentUnits: ['集贤县人民政府'],
      docxFonts: 'common',
    });
    expect(again.windowState()).toEqual({ x: 10, y: 20, width: 1200, height: 800, maximized: true });
  });

  it('a corrupt settings file is moved aside (kept) and the defaults are used', () => {
    const dir = tempDir();
    const file = join(dir, 'settings.json');
    writeFileSync(file, '{"unit": {"name": "集贤县');
    const s = openSettings({ file, create: confStore(dir), now: () => new Date(2025, 0, 2, 3, 4, 5).getTime() });
    expect(s.notice).toMatch(/设置文件已损坏，已恢复为默认设置/);
    expect(hasChinese(s.notice!)).toBe(true);
    expect(s.get()).toEqual({ recentUnits: [], docxFonts: 'standard' });
    const aside = readdirSync(dir).filter((n) => n.startsWith('settings.json.corrupt-'));
    expect(aside).toEqual(['settings.json.corrupt-20250102-030405']);
    expect(readFileSync(join(dir, aside[0]!), 'utf8')).toBe('{"unit": {"name": "集贤县');
    expect(s.notice).toContain(join(dir, aside[0]!));
    // The new file works.
    s.set({ docxFonts: 'common' });
    expect(openSettings({ file, create: confStore(dir) }).get().docxFonts).toBe('common');
  });

  it('bad values fall back field by field', () => {
    const dir = tempDir();
    const file = join(dir, 'settings.json');
    writeFileSync(
      file,
      JSON.stringify({ unit: { name: '某局', kind: 'department' }, docxFonts: 'comic', recentUnits: 'x', window: { width: 'big' } }),
    );
    const s = openSettings({ file, create: confStore(dir) });
    expect(s.notice).toBeUndefined();
    expect(s.get()).toEqual({ unit: { name: '某局', kind: 'department' }, recentUnits: [], docxFonts: 'standard' });
    expect(s.windowState()).toBeUndefined();
  });

  it('when no store can be made, settings live in memory and the clerk is told', () => {
    const s = openSettings({
      file: '/nonexistent/settings.json',
      create: () => {
        throw new Error('EACCES');
      },
    });
    expect(s.notice).toMatch(/设置文件无法读写/);
    s.set({ docxFonts: 'common' });
    expect(s.get().docxFonts).toBe('common');
  });
});
