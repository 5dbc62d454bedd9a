#!/usr/bin/env node
// The `partner-desk` command. Runs the TypeScript CLI through tsx so it works right after
// `npm install`, without a build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../electron/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
