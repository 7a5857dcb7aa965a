// `npm start` runs this first. Electron 42+ no longer downloads its own binary at install time,
// and electron-vite's dev server refuses to start without it, so fetch it once here, with a
// clear message when there is no network.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const dir = path.dirname(require.resolve('electron/package.json'));
const pathFile = path.join(dir, 'path.txt');
const installed = fs.existsSync(pathFile) && fs.existsSync(path.join(dir, 'dist', fs.readFileSync(pathFile, 'utf8')));
if (installed) process.exit(0);

console.log('首次启动：正在下载 Electron 程序本体（约100 MB，需要联网）…\nFirst start: downloading the Electron binary (needs a network)…');
try {
  require('electron');
} catch (err) {
  console.error(
    `\n无法下载 Electron：${err && err.message ? err.message : err}\n` +
      '请在能上网的电脑上运行 npm start，或设置 ELECTRON_MIRROR 指向可用的镜像（例如 https://npmmirror.com/mirrors/electron/）后重试。\n' +
      'Could not download Electron. Run `npm start` with network access, or set ELECTRON_MIRROR to a reachable mirror.',
  );
  process.exit(1);
}
