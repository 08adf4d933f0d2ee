import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { electronBindingPath, selectNativeBinding } from './native-binding';

const ROOT = '/opt/fleet';

describe('selectNativeBinding', () => {
  it('uses better-sqlite3 own build under plain Node', () => {
    expect(selectNativeBinding({ modules: '115' }, ROOT, () => true)).toEqual({ kind: 'node-default' });
  });

  it('uses the Electron-ABI build under Electron when it exists', () => {
    const expected = path.join(ROOT, '.native', 'electron-136', 'better_sqlite3.node');
    const seen: string[] = [];
    const choice = selectNativeBinding({ electron: '38.1.0', modules: '136' }, ROOT, (file) => {
      seen.push(file);
      return file === expected;
    });
    expect(choice).toEqual({ kind: 'electron', path: expected });
    expect(seen).toEqual([expected]);
  });

  it('explains how to build it when the Electron build is missing', () => {
    const choice = selectNativeBinding({ electron: '38.1.0', modules: '136' }, ROOT, () => false);
    expect(choice.kind).toBe('missing');
    if (choice.kind === 'missing') {
      expect(choice.path).toBe(electronBindingPath(ROOT, '136'));
      expect(choice.message).toContain('npm run native:electron');
      expect(choice.message).toContain('ABI 136');
    }
  });

  it('never hands the Node build to Electron, even if node_modules has one', () => {
    const choice = selectNativeBinding({ electron: '38.1.0', modules: '136' }, ROOT, (file) => file.includes('node_modules'));
    expect(choice.kind).toBe('missing');
  });

  it('honours an explicit override, and reports a wrong one', () => {
    expect(selectNativeBinding({ modules: '115' }, ROOT, () => true, '/x/b.node')).toEqual({ kind: 'electron', path: '/x/b.node' });
    expect(selectNativeBinding({ modules: '115' }, ROOT, () => false, '/x/b.node').kind).toBe('missing');
  });
});
