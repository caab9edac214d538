#!/usr/bin/env node
import { run, tuneProcessForLint } from '../dist/bundle/ismslint.js';

tuneProcessForLint();
run(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
