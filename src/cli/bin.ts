#!/usr/bin/env node
import { main } from './main.js';

// exitCode rather than process.exit(): lets piped stdout finish flushing.
process.exitCode = await main(process.argv.slice(2));
