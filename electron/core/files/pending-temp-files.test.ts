/**
 * The journal of temporary files: a killed writer's hidden file is removed at the next start,
 * a live writer's is left alone, and nothing but a temporary file is ever removed.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppContext } from '../app/app-context';
import { silentLogger } from '../logging/logger';
import { temporaryPathFor } from './atomic-file';
import { createTempJournal, sweepPendingTempFiles } from './pending-temp-files';

const ROOT = path.resolve(__dirname, '../../..');
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-pending-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The pid of a process that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0']);
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid!;
}

function writeTemporary(name: string): string {
  const temporary = temporaryPathFor(path.join(dir, 'exports', name), 'a1b2c3d4e5f6');
  fs.mkdirSync(path.dirname(temporary), { recursive: true });
  fs.writeFileSync(temporary, 'half an export');
  return temporary;
}

describe('sweepPendingTempFiles', () => {
  it('removes the temporary file (and SQLite companions) of a writer that is gone, and its marker', async () => {
    const journalDir = path.join(dir, 'pending-writes');
    const temporary = writeTemporary('fleet.sqlite');
    fs.writeFileSync(`${temporary}-journal`, 'j');
    createTempJournal(journalDir, await deadPid()).record(temporary);
    expect(sweepPendingTempFiles(journalDir)).toEqual([temporary]);
    expect(fs.readdirSync(path.dirname(temporary))).toEqual([]);
    expect(fs.readdirSync(journalDir)).toEqual([]);
  });

  it('leaves the files of a live writer and of this process alone', () => {
    const journalDir = path.join(dir, 'pending-writes');
    const other = writeTemporary('a.csv');
    const mine = writeTemporary('b.csv');
    createTempJournal(journalDir, process.ppid).record(other);
    createTempJournal(journalDir).record(mine);
    expect(sweepPendingTempFiles(journalDir)).toEqual([]);
    expect(fs.existsSync(other) && fs.existsSync(mine)).toBe(true);
    expect(fs.readdirSync(journalDir)).toHaveLength(2);
  });

  it('never removes a file without the temporary name, nor follows a symlink, whatever the marker says', async () => {
    const journalDir = path.join(dir, 'pending-writes');
    const precious = path.join(dir, 'fleet.csv');
    fs.writeFileSync(precious, 'the user file');
    const link = temporaryPathFor(path.join(dir, 'x.csv'), 'a1b2c3d4e5f6');
    fs.symlinkSync(precious, link);
    const journal = createTempJournal(journalDir, await deadPid());
    journal.record(precious);
    journal.record(link);
    fs.writeFileSync(path.join(journalDir, 'garbage.json'), '{not json');
    expect(sweepPendingTempFiles(journalDir)).toEqual([]);
    expect(fs.readFileSync(precious, 'utf8')).toBe('the user file');
    expect(fs.readdirSync(journalDir)).toEqual([]);
  });
});

describe('a killed export', () => {
  it('leaves a hidden temporary file that the next start removes', async () => {
    const dataDir = path.join(dir, 'data');
    const target = path.join(dir, 'Documents', 'fleet.csv');
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const script = path.join(dir, 'writer.ts');
    // A writer that gets half way, says so, and hangs until it is killed.
    fs.writeFileSync(
      script,
      `import { writeFileAtomically } from ${JSON.stringify(path.join(__dirname, 'atomic-file.ts'))};
import { createTempJournal } from ${JSON.stringify(path.join(__dirname, 'pending-temp-files.ts'))};
void writeFileAtomically(${JSON.stringify(target)}, async (sink) => {
  sink.write('vin,make\\n');
  process.stdout.write('half-way\\n');
  await new Promise(() => undefined);
}, { journal: createTempJournal(${JSON.stringify(path.join(dataDir, 'pending-writes'))}) });
`,
    );
    const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('half-way') && resolve());
      child.on('exit', (code) => reject(new Error(`the writer exited early (${code})`)));
    });
    child.kill('SIGKILL');
    await new Promise((resolve) => child.on('exit', resolve));
    const left = fs.readdirSync(path.dirname(target));
    expect(left).toHaveLength(1);
    expect(left[0]).toMatch(/^\.fleet\.csv\.[0-9a-f]{12}\.tmp$/);

    const context = await createAppContext({ dataDir, runtime: 'cli', version: 'test', logger: silentLogger(), emit: () => undefined, offline: true });
    await context.close();
    expect(fs.readdirSync(path.dirname(target))).toEqual([]);
    expect(fs.readdirSync(path.join(dataDir, 'pending-writes'))).toEqual([]);
  });
});
