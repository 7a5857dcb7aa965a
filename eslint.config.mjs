// Lint, and the layering rules by runtime (as VS Code does):
//   src/core      pure TypeScript: no electron, no DOM framework, no Node built-ins
//   src/renderer  browser: core and its own files, never electron or Node
//   src/preload   electron renderer side: core contract only
//   src/main      Electron main: core, never the renderer
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'fs/promises', 'path', 'os', 'child_process', 'crypto', 'http', 'url', 'zlib', 'stream', 'util'];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'release/**', 'node_modules/**', 'coverage/**', 'test-output/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    // The command-line entry is plain CommonJS that loads the TypeScript sources through tsx.
    files: ['bin/*.js', 'scripts/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron', 'react', 'react-dom', 'electron-store', 'antd'].map((name) => ({ name, message: 'src/core is pure TypeScript.' })),
          patterns: [
            { group: nodeBuiltins, message: 'src/core must not use Node built-ins: inject a port instead.' },
            { group: ['**/main/**', '**/renderer/**', '**/preload/**', '**/cli/**'], message: 'src/core depends on nothing above it.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer reaches main only through window.api.' }],
          patterns: [
            { group: nodeBuiltins, message: 'The renderer runs in a sandboxed browser.' },
            { group: ['**/main/**', '**/preload/index*', '**/cli/**'], message: 'The renderer talks to the AppApi only.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/main/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/renderer/**', '**/cli/**'], message: 'main does not import the renderer.' }] }],
    },
  },
);
