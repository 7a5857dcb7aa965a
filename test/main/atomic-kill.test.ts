/**
 * Kill a process in the middle of saving, many times: the report file must always be one of the
 * saved documents, whole, and so must every version in its history; temp files never pile up.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../src/core/document';
import { TEXTS } from './fixtures/docs';

const ROOT_DIR = resolve(__dirname, '../..');
/**
 * `node --import tsx`, not `node node_modules/tsx/dist/cli.mjs`: the CLI runs the script in a
 * child process of its own, and a SIGKILL to the CLI would leave that writer running.
 */
const NODE_ARGS = ['--import', 'tsx'];
const WRITER = join(ROOT_DIR, 'test/main/fixtures/writer.ts');
const KILLS = 40;

function run(root: string, id: string, killAfterMs: number | undefined): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [...NODE_ARGS, WRITER, root, id, ...(killAfterMs === undefined ? ['--once'] : [])], {
      cwd: ROOT_DIR,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      if (killAfterMs !== undefined && d.toString().includes('ready')) setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    });
    child.on('error', reject);
    child.on('exit', (code) => resolvePromise({ code, stderr }));
  });
}

function tempFiles(root: string): string[] {
  const out = readdirSync(root).filter((n) => n.endsWith('.tmp'));
  const hist = join(root, 'history');
  if (existsSync(hist)) {
    for (const id of readdirSync(hist)) for (const n of readdirSync(join(hist, id))) if (n.endsWith('.tmp')) out.push(`history/${id}/${n}`);
  }
  return out;
}

/** Kill, then check: the report is whole and at most the one interrupted temp file remains. */
async function killLoop(root: string, id: string, kills: number): Promise<number> {
  let killedMidWrite = 0;
  for (let i = 0; i < kills; i++) {
    const { code, stderr } = await run(root, id, Math.floor(Math.random() * 120));
    expect(stderr, `run ${i}`).toBe('');
    expect(code, `run ${i} should have been killed`).toBeNull();

    const text = readFileSync(join(root, `${id}.json`), 'utf8');
    expect(parseDocument(text).ok, `run ${i}: report parses`).toBe(true);
    expect(TEXTS.includes(text), `run ${i}: report is one of the saved documents`).toBe(true);

    // Every version in the history is written the same way: each one whole, and one of the saved documents.
    const hist = join(root, 'history', id);
    for (const n of existsSync(hist) ? readdirSync(hist).filter((f) => f.endsWith('.json')) : []) {
      const version = readFileSync(join(hist, n), 'utf8');
      expect(TEXTS.includes(version), `run ${i}: history/${id}/${n} is one of the saved documents`).toBe(true);
    }

    const temps = tempFiles(root);
    expect(temps.length, `run ${i}: temp files ${temps.join(', ')}`).toBeLessThanOrEqual(1);
    if (temps.length > 0) killedMidWrite++;
    expect(readdirSync(root).filter((n) => n.includes('.corrupt-'))).toEqual([]);
  }
  // Opening the library again removes what the last kill left.
  const last = await run(root, id, undefined);
  expect(last).toEqual({ code: 0, stderr: '' });
  expect(tempFiles(root)).toEqual([]);
  rmSync(root, { recursive: true, force: true });
  return killedMidWrite;
}

describe('atomic saves under SIGKILL', () => {
  it(`the report file is always whole after ${KILLS} kills at random moments`, { timeout: 240_000 }, async () => {
    // Independent libraries side by side, to use the machine while each writer starts up.
    const lanes = Math.max(1, Math.min(4, availableParallelism()));
    const perLane = Math.ceil(KILLS / lanes);
    const midWrite = await Promise.all(
      Array.from({ length: lanes }, (_, lane) => killLoop(mkdtempSync(join(tmpdir(), `nianbao-kill-${lane}-`)), 'crashtest', perLane)),
    );
    const total = midWrite.reduce((a, b) => a + b, 0);
    console.log(`atomic-kill: ${total} of ${lanes * perLane} kills landed while a temp file was being written`);
    // Otherwise the test proved nothing: no kill came in the middle of a write.
    expect(total).toBeGreaterThan(0);
  });
});
