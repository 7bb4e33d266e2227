#!/usr/bin/env node
// The `swsim` command runs the compiled CLI, which `npm run build` (and `npm ci`, via `prepare`) writes to dist/.
const path = require('path');
const fs = require('fs');

const main = path.join(__dirname, '..', 'dist', 'cli', 'main.js');
if (!fs.existsSync(main)) {
  process.stderr.write('swsim: dist/cli/main.js is missing; run `npm run build` first\n');
  process.exit(1);
}
require(main)
  .run(process.argv)
  .then((code) => {
    process.exitCode = code;
  });
