#!/usr/bin/env node
import 'reflect-metadata';
import { runCli } from './run-cli';

/** `npx greenops …` (root package.json "bin"): API keys and tenants, in either mode. */
runCli(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
}).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`greenops: unexpected failure: ${String(error)}\n`);
    process.exit(1);
  },
);
