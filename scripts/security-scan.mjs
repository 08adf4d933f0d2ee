#!/usr/bin/env node
/**
 * Electronegativity over the Electron sources; fails on any finding of medium severity or above.
 *
 * The tool always exits 0, so this reads its CSV. AUXCLICK_JS_CHECK is excluded: since Electron
 * 12 a middle click no longer opens a window by itself, and every new window goes through
 * `setWindowOpenHandler`, which denies (docs/security/electronegativity.md explains every check).
 * `-e` names the Electron version because the scanner cannot look it up offline.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));
const electronVersion = require('electron/package.json').version;
const output = path.join(root, 'out', 'electronegativity.csv');
fs.mkdirSync(path.dirname(output), { recursive: true });
fs.rmSync(output, { force: true });

const bin = path.join(root, 'node_modules', '.bin', 'electronegativity');
const run = spawnSync(
  bin,
  ['-i', 'electron', '-e', electronVersion, '-r', '-s', 'medium', '-x', 'AUXCLICK_JS_CHECK', '-o', output],
  { cwd: root, encoding: 'utf8' },
);
if (run.error || !fs.existsSync(output)) {
  console.error(`security scan: electronegativity did not run (${run.error?.message ?? run.stderr.trim()})`);
  process.exit(1);
}
const lines = fs.readFileSync(output, 'utf8').trim().split(/\r?\n/);
const findings = lines.slice(1).filter((line) => line.trim() !== '');
if (findings.length > 0) {
  console.error(`security scan: ${findings.length} medium-or-higher finding(s):`);
  for (const finding of findings) console.error(`  ${finding}`);
  process.exit(1);
}
console.log(`security scan: electronegativity ${electronVersion} checks over electron/: no medium or high findings`);
