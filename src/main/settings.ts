/**
 * Settings (unit, contact, recent units, docx fonts, window bounds) in electron-store. Small data
 * only: reports live in the library. The store is created through an injected factory so tests
 * can pass `conf` directly. A corrupt settings file is moved aside (never deleted) and the
 * defaults are used; if even that fails, settings live in memory for this session.
 */
import { existsSync, renameSync } from 'node:fs';
import { z } from 'zod';
import type { Settings } from '../core/api/contract';
import { settingsPatchSchema } from '../core/api/schemas';
import { fileStamp } from '../core/library/messages';

/** The part of electron-store / conf used here. */
export interface StoreLike {
  readonly store: Record<string, unknown>;
  set(key: string, value: unknown): void;
}

export interface WindowState {
  readonly x?: number;
  readonly y?: number;
  readonly width: number;
  readonly height: number;
  readonly maximized: boolean;
}

export interface SettingsService {
  get(): Settings;
  /** Merge a patch; throws when the file cannot be written. */
  set(patch: Partial<Settings>): Settings;
  windowState(): WindowState | undefined;
  saveWindowState(state: WindowState): void;
  /** Set when the settings file was damaged and replaced: tell the clerk once. */
  readonly notice?: string;
}

export interface SettingsDeps {
  /** The settings file the store uses (for quarantine). */
  readonly file: string;
  readonly create: () => StoreLike;
  readonly now?: () => number;
  readonly log?: (message: string, error?: unknown) => void;
}

const windowStateSchema = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(200).max(20000),
  height: z.number().int().min(200).max(20000),
  maximized: z.boolean(),
});

const WINDOW_KEY = 'window';
const SETTINGS_KEYS = ['unit', 'contact', 'recentUnits', 'docxFonts'] as const;

/** Read settings field by field: a bad field falls back to its default, the rest survive. */
export function normalizeSettings(raw: Record<string, unknown>): Settings {
  const shape = settingsPatchSchema.shape;
  const unit = shape.unit.safeParse(raw.unit);
  const contact = shape.contact.safeParse(raw.contact);
  const recent = shape.recentUnits.safeParse(raw.recentUnits);
  const fonts = shape.docxFonts.safeParse(raw.docxFonts);
  return {
    ...(unit.success && unit.data ? { unit: unit.data } : {}),
    ...(contact.success && contact.data ? { contact: contact.data } : {}),
    recentUnits: recent.success && recent.data ? recent.data : [],
    docxFonts: fonts.success && fonts.data ? fonts.data : 'standard',
  };
}

export function openSettings(deps: SettingsDeps): SettingsService {
  const log = deps.log ?? (() => undefined);
  const now = deps.now ?? Date.now;
  let notice: string | undefined;
  let store: StoreLike | undefined;
  const memory: Record<string, unknown> = {};

  const tryCreate = (): StoreLike => {
    const s = deps.create();
    void s.store; // reads and parses the file now, so a damaged one fails here
    return s;
  };
  try {
    store = tryCreate();
  } catch (e) {
    log('settings: cannot read the settings file', e);
    let aside = `${deps.file}.corrupt-${fileStamp(now())}`;
    for (let n = 2; existsSync(aside); n++) aside = `${deps.file}.corrupt-${fileStamp(now())}-${n}`;
    try {
      if (existsSync(deps.file)) renameSync(deps.file, aside);
      store = tryCreate();
      notice = `设置文件已损坏，已恢复为默认设置（单位、联系人等需要重新填写）；原文件另存为 ${aside}`;
    } catch (e2) {
      log('settings: cannot recreate the settings file; keeping settings in memory', e2);
      store = undefined;
      notice = '设置文件无法读写，本次修改的设置不会被保存。';
    }
  }

  let cache: Record<string, unknown> = {};
  const read = (): Record<string, unknown> => {
    if (!store) return memory;
    try {
      cache = { ...store.store };
    } catch (e) {
      log('settings: read failed, using the last values read', e);
    }
    return cache;
  };

  return {
    notice,
    get: () => normalizeSettings(read()),
    set(patch) {
      for (const key of SETTINGS_KEYS) {
        const value = patch[key];
        if (value === undefined) continue;
        if (store) store.set(key, value);
        else memory[key] = value;
      }
      return normalizeSettings(read());
    },
    windowState() {
      const parsed = windowStateSchema.safeParse(read()[WINDOW_KEY]);
      return parsed.success ? parsed.data : undefined;
    },
    saveWindowState(state) {
      const parsed = windowStateSchema.safeParse(state);
      if (!parsed.success) return;
      try {
        if (store) store.set(WINDOW_KEY, parsed.data);
        else memory[WINDOW_KEY] = parsed.data;
      } catch (e) {
        log('settings: window state not saved', e);
      }
    },
  };
}
