#!/usr/bin/env node
// The portico CLI. Its source is TypeScript; tsx loads it without a build step.
require('tsx/cjs/api').register();
const { main } = require('../src/main');

main(process.argv.slice(2)).then(code => {
  process.exitCode = code;
});
