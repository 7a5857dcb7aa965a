/**
 * src/core is pure TypeScript: it runs in the main process, the renderer, the CLI and the tests
 * alike. No Electron, no UI framework, no Node built-ins, nothing from the layers above, no DOM.
 * (ESLint says the same for imports; this test also catches require(), dynamic import() and DOM
 * globals, and cannot be switched off by an eslint-disable comment.)
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/paths';

const CORE = resolve(repoRoot, 'src/core');

const FORBIDDEN_PACKAGES = ['electron', 'react', 'react-dom', 'antd', 'electron-store', 'fs', 'fs/promises', 'path'];
const FORBIDDEN_LAYERS = ['src/main', 'src/renderer', 'src/preload', 'src/cli'];
const NODE_BUILTINS = new Set(builtinModules.filter((m) => !m.startsWith('_')));

interface Violation {
  readonly line: number;
  readonly what: string;
}

/**
 * Blank out comments (and, with `strings`, the contents of string and template literals), keeping
 * every newline so that line numbers stay right. Regular-expression literals are kept as code but
 * skipped over, so a `//` inside one does not start a comment.
 */
function blankOut(src: string, strings: boolean): string {
  let out = '';
  let i = 0;
  const n = src.length;
  const blank = (s: string): string => s.replace(/[^\n]/g, ' ');
  /** Previous significant character of the output: decides whether `/` starts a regex. */
  const prevSignificant = (): string => {
    const m = /(\S)\s*$/.exec(out);
    return m ? m[1]! : '';
  };
  const prevWord = (): string => /([A-Za-z_$][\w$]*)\s*$/.exec(out)?.[1] ?? '';
  const templateDepth: number[] = []; // brace depth at which each open `${` returns to its template
  let braces = 0;

  const readQuoted = (q: string): void => {
    let j = i + 1;
    while (j < n && src[j] !== q && src[j] !== '\n') j += src[j] === '\\' ? 2 : 1;
    const body = src.slice(i + 1, j);
    out += q + (strings ? blank(body) : body) + (src[j] === q ? q : '');
    i = src[j] === q ? j + 1 : j;
  };

  /** Template text from i (just after ` or }) up to the closing ` or the next `${`. */
  const readTemplateText = (): void => {
    let j = i;
    while (j < n && src[j] !== '`' && !(src[j] === '$' && src[j + 1] === '{')) j += src[j] === '\\' ? 2 : 1;
    const body = src.slice(i, j);
    out += strings ? blank(body) : body;
    if (src[j] === '`') {
      out += '`';
      i = j + 1;
    } else if (j < n) {
      out += '${';
      i = j + 2;
      templateDepth.push(braces);
      braces++;
    } else i = j;
  };

  while (i < n) {
    const ch = src[i]!;
    const next = src[i + 1];
    if (ch === '/' && next === '/') {
      const j = src.indexOf('\n', i);
      const end = j < 0 ? n : j;
      out += blank(src.slice(i, end));
      i = end;
    } else if (ch === '/' && next === '*') {
      const j = src.indexOf('*/', i + 2);
      const end = j < 0 ? n : j + 2;
      out += blank(src.slice(i, end));
      i = end;
    } else if (ch === '"' || ch === "'") {
      readQuoted(ch);
    } else if (ch === '`') {
      out += '`';
      i++;
      readTemplateText();
    } else if (ch === '{') {
      braces++;
      out += ch;
      i++;
    } else if (ch === '}') {
      braces--;
      if (templateDepth.length > 0 && templateDepth[templateDepth.length - 1] === braces) {
        templateDepth.pop();
        out += '}';
        i++;
        readTemplateText();
      } else {
        out += ch;
        i++;
      }
    } else if (
      ch === '/' &&
      (/^[(,=:[!&|?{};+\-*%<>~^]?$/.test(prevSignificant()) || /^(return|typeof|case|do|else|in|of|void|yield|await)$/.test(prevWord()))
    ) {
      // A regular-expression literal: keep it as code up to its closing slash and flags; with
      // `strings`, blank its body too (it may spell out an import).
      let end = i + 1;
      let inClass = false;
      while (end < n && src[end] !== '\n' && !(src[end] === '/' && !inClass)) {
        if (src[end] === '\\' && src[end + 1] !== '\n') end++;
        else if (src[end] === '[') inClass = true;
        else if (src[end] === ']') inClass = false;
        end++;
      }
      end = Math.min(end, n);
      let k = end;
      if (src[end] === '/') {
        k++;
        while (k < n && /[a-z]/.test(src[k]!)) k++;
      }
      out += strings ? `/${blank(src.slice(i + 1, end))}${src.slice(end, k)}` : src.slice(i, k);
      i = k;
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}

const lineOf = (text: string, index: number): number => text.slice(0, index).split('\n').length;

/**
 * Every module specifier a source imports, requires or loads dynamically. The statements are
 * found in the code with comments and string contents blanked (so text that merely mentions an
 * import is not one); the specifier is then read at the same place from the code with strings.
 */
function importedSpecifiers(src: string): { spec: string; line: number }[] {
  const code = blankOut(src, false);
  const bare = blankOut(src, true);
  if (code.length !== bare.length) throw new Error('blankOut must keep every position');
  const out: { spec: string; line: number }[] = [];
  const patterns = [
    // import x from 'm'; import { a } from 'm'; import type … from 'm'; export … from 'm'
    /(?<![\w$.])(?:import|export)\s+(?:type\s+)?[^'"`;]*?\bfrom\s*(['"])([^'"\n]+)\1/dg,
    // import 'm';
    /(?<![\w$.])import\s*(['"])([^'"\n]+)\1/dg,
    // import('m'), require('m'), require.resolve('m')
    /(?<![\w$.])(?:import|require(?:\s*\.\s*resolve)?)\s*\(\s*(['"`])([^'"`\n]+)\1/dg,
  ];
  for (const re of patterns) {
    for (const m of bare.matchAll(re)) {
      const [start, end] = m.indices![2]!;
      out.push({ spec: code.slice(start, end), line: lineOf(bare, m.index) });
    }
  }
  return out.sort((a, b) => a.line - b.line);
}

const DOM_GLOBALS: readonly RegExp[] = [
  /(?<![\w$.])(window|document|navigator)\s*(?:\?\.|\.|\[)/g,
  /(?<![\w$.])(localStorage|sessionStorage|indexedDB|HTMLElement)\b/g,
  /\bglobalThis\s*(?:\?\.|\.)\s*(window|document|navigator|localStorage|indexedDB)\b/g,
];

/** What is wrong with one source file of src/core (empty when it is pure). */
function scanSource(src: string, file: string): Violation[] {
  const out: Violation[] = [];
  for (const { spec, line } of importedSpecifiers(src)) {
    const bare = spec.startsWith('node:') ? spec : spec.split('/')[0]!;
    const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : bare;
    if (spec.startsWith('node:')) out.push({ line, what: `imports Node built-in ${spec}` });
    else if (FORBIDDEN_PACKAGES.some((p) => spec === p || spec.startsWith(`${p}/`)) || FORBIDDEN_PACKAGES.includes(pkg)) {
      out.push({ line, what: `imports ${spec}` });
    } else if (NODE_BUILTINS.has(bare) && !spec.startsWith('.')) out.push({ line, what: `imports Node built-in ${spec}` });
    else if (spec.startsWith('.')) {
      const target = relative(repoRoot, resolve(dirname(file), spec)).split(sep).join('/');
      const layer = FORBIDDEN_LAYERS.find((l) => target === l || target.startsWith(`${l}/`));
      if (layer) out.push({ line, what: `imports ${spec} from ${layer}` });
    } else if (FORBIDDEN_LAYERS.some((l) => spec === l || spec.startsWith(`${l}/`))) {
      out.push({ line, what: `imports ${spec}` });
    }
  }
  // DOM globals are looked for in code only: comments and string contents are blanked.
  const bare = blankOut(src, true);
  for (const re of DOM_GLOBALS) {
    for (const m of bare.matchAll(re)) out.push({ line: lineOf(bare, m.index), what: `uses DOM global ${m[1]}` });
  }
  return out.sort((a, b) => a.line - b.line);
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return walk(p);
    return /\.tsx?$/.test(name) ? [p] : [];
  });
}

// ---------------------------------------------------------------------------------------------

describe('the purity scanner itself', () => {
  const fake = resolve(CORE, 'format/fake.ts');

  it('reports electron, node:fs and window.alert with their lines', () => {
    const src = [
      "import { app } from 'electron';",
      "import fs from 'node:fs';",
      'export const x = 1;',
      'window.alert(1);',
    ].join('\n');
    expect(scanSource(src, fake)).toEqual([
      { line: 1, what: 'imports electron' },
      { line: 2, what: 'imports Node built-in node:fs' },
      { line: 4, what: 'uses DOM global window' },
    ]);
  });

  it('reports every forbidden form of loading a module', () => {
    const src = [
      "import type { BrowserWindow } from 'electron';",
      "import 'react';",
      "export * from 'react-dom/client';",
      "const Store = require('electron-store');",
      "const p = await import('fs/promises');",
      "import { join } from 'path';",
      "import { Button } from 'antd';",
      "import os from 'os';",
      "import { ipc } from '../../main/ipc';",
      "import { Form } from '../../renderer/Form';",
      "import { api } from '../../preload';",
      "import { main } from '../../cli/main';",
      "import {\n  readFileSync,\n} from 'fs';",
      "const c = require('node:child_process');",
    ].join('\n');
    const found = scanSource(src, fake).map((v) => v.line);
    expect(found).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 16]);
  });

  it('reports DOM globals used as values', () => {
    const src = [
      'document.title = "x";',
      'const w = navigator.language;',
      'localStorage.setItem("a", "b");',
      'const db = indexedDB;',
      'const el: HTMLElement | null = null;',
      'if (window?.foo) {}',
      'const t = `${document.body}`;',
      'globalThis.document;',
    ].join('\n');
    expect(scanSource(src, fake).map((v) => v.line)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('ignores comments, strings, properties and longer names', () => {
    const src = [
      "// import { app } from 'electron';",
      "/* import fs from 'node:fs';",
      '   window.alert(1); */',
      '/** see document.md and window.api */',
      "const note = 'window.alert(1) and document.title';",
      'const tpl = `read the document. ${1 + 1} then window.close()`;',
      'const opts = { document: { sections: [] } };',
      'const d = opts.document.sections;',
      'const documentSchema = 1;',
      'const windowSize = 2;',
      "const re = /\\/\\/ import 'electron'/;",
      "import { z } from 'zod';",
      "import { CELLS } from '../format';",
      "import { Document } from 'docx';",
      "const msg = \"import fs from 'fs'\";",
    ].join('\n');
    expect(scanSource(src, fake)).toEqual([]);
  });

  it('keeps line numbers through blanked comments', () => {
    const src = "/*\n\n*/\n// x\nimport { app } from 'electron';";
    expect(scanSource(src, fake)).toEqual([{ line: 5, what: 'imports electron' }]);
  });
});

describe('src/core is pure', () => {
  const files = walk(CORE);

  it('walks the whole of src/core', () => {
    const rel = files.map((f) => relative(CORE, f).split(sep).join('/'));
    expect(rel).toEqual(expect.arrayContaining(['format/format2021.ts', 'document/schema.ts', 'checker/index.ts', 'result.ts']));
    expect(files.length).toBeGreaterThan(20);
  });

  it.each(walk(CORE).map((f) => [relative(repoRoot, f).split(sep).join('/'), f]))('%s', (_name, file) => {
    const src = readFileSync(file, 'utf8');
    // Sanity: the scanner sees at least every plain one-line import statement of the file.
    const plain = [...src.matchAll(/^import [^\n;]* from '([^']+)';$/gm)].map((m) => m[1]);
    expect(importedSpecifiers(src).map((s) => s.spec)).toEqual(expect.arrayContaining(plain));
    expect(blankOut(src, true).split('\n')).toHaveLength(src.split('\n').length);
    expect(scanSource(src, file)).toEqual([]);
  });
});
