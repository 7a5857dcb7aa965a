#!/usr/bin/env node
// The nianbao command line. Runs the TypeScript sources directly through tsx, so it works from a
// checkout right after `npm install`.
'use strict';
const { register } = require('tsx/cjs/api');

register();
const { main } = require('../src/cli/main.ts');

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`年报助手出现内部错误：${err && err.message ? err.message : String(err)}\n`);
    process.exitCode = 2;
  },
);
