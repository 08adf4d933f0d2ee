#!/usr/bin/env node
/**
 * `npm test`: the typechecks, lint, the Electronegativity scan, the build, vitest and the Playwright
 * e2e suite, in that order,
 * stopping at the first failure. Ends with one plain summary line ("N passed, N failed, N skipped")
 * adding up vitest's and Playwright's counts, so CI logs show what ran.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const reports = path.join(root, 'out', 'test-reports');
// Start from no reports, so the summary never counts an earlier run.
fs.rmSync(reports, { recursive: true, force: true });
fs.mkdirSync(reports, { recursive: true });
const vitestJson = path.join(reports, 'vitest.json');
const playwrightJson = path.join(reports, 'playwright.json');
const extraArgs = process.argv.slice(2);

const steps = [
  ['typecheck', 'npm', ['run', '--silent', 'typecheck']],
  ['lint', 'npm', ['run', '--silent', 'lint']],
  ['security', 'npm', ['run', '--silent', 'security:scan']],
  ['build', 'npx', ['electron-vite', 'build']],
  ['build:cli', 'npm', ['run', '--silent', 'build:cli']],
  ['unit', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`, ...extraArgs]],
  ['e2e', 'npx', ['playwright', 'test', '--reporter=list,json']],
];

const started = Date.now();
for (const [name, command, args] of steps) {
  const t0 = Date.now();
  console.log(`\n▶ ${name}: ${command} ${args.join(' ')}`);
  const env = { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson };
  const run = spawnSync(command, args, { cwd: root, stdio: 'inherit', env });
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  if (run.status !== 0) {
    console.log(`✖ ${name} failed after ${seconds} s (exit ${run.status ?? run.signal})`);
    summarize();
    process.exit(run.status || 1);
  }
  console.log(`✔ ${name} (${seconds} s)`);
}
summarize();

function summarize() {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  if (fs.existsSync(vitestJson)) {
    const v = JSON.parse(fs.readFileSync(vitestJson, 'utf8'));
    passed += v.numPassedTests ?? 0;
    failed += v.numFailedTests ?? 0;
    skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0);
    console.log(`unit: ${v.numPassedTests} passed, ${v.numFailedTests} failed in ${v.numTotalTestSuites} suites`);
  }
  if (fs.existsSync(playwrightJson)) {
    const p = JSON.parse(fs.readFileSync(playwrightJson, 'utf8'));
    const s = p.stats ?? {};
    passed += s.expected ?? 0;
    failed += (s.unexpected ?? 0) + (s.flaky ?? 0);
    skipped += s.skipped ?? 0;
    console.log(`e2e: ${s.expected ?? 0} passed, ${s.unexpected ?? 0} failed, ${s.skipped ?? 0} skipped`);
  }
  console.log(`total time ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
}
