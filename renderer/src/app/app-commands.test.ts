import { afterEach, describe, expect, it } from 'vitest';
import { commandForKey } from './app-commands';

function key(init: KeyboardEventInit): KeyboardEvent {
  return new KeyboardEvent('keydown', init);
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('commandForKey', () => {
  it('Ctrl+Z undoes the last removal outside text fields, and is left to the field inside one', () => {
    expect(commandForKey(key({ key: 'z', ctrlKey: true }), false)).toBe('undo');
    expect(commandForKey(key({ key: 'z', metaKey: true }), true)).toBe('undo');
    const input = document.createElement('input');
    document.body.append(input);
    input.focus();
    expect(commandForKey(key({ key: 'z', ctrlKey: true }), false)).toBeNull();
  });

  it('leaves Delete to a focused list box (a column filter), never removing rows from there', () => {
    expect(commandForKey(key({ key: 'Delete' }), false)).toBe('deleteSelected');
    const select = document.createElement('select');
    document.body.append(select);
    select.focus();
    expect(commandForKey(key({ key: 'Delete' }), false)).toBeNull();
  });

  it('maps the menu accelerators the page handles itself', () => {
    expect(commandForKey(key({ key: 'o', ctrlKey: true }), false)).toBe('import');
    expect(commandForKey(key({ key: 'e', ctrlKey: true }), false)).toBe('export');
    expect(commandForKey(key({ key: ',', ctrlKey: true }), false)).toBe('teamDatabase');
    expect(commandForKey(key({ key: ',', metaKey: true }), true)).toBe('teamDatabase');
    expect(commandForKey(key({ key: 'S', ctrlKey: true, shiftKey: true }), false)).toBe('saveBackup');
    expect(commandForKey(key({ key: 's', ctrlKey: true }), false)).toBeNull();
  });
});
