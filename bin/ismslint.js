#!/usr/bin/env node
import { run } from '../dist/bundle/ismslint.js';

run(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
