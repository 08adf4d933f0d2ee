import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import type { MenuCommand } from '../../shared/ipc/app-info';
import { appMenuTemplate, type AppMenuOptions } from './menu';

function build(overrides: Partial<AppMenuOptions> = {}): { template: MenuItemConstructorOptions[]; sent: MenuCommand[]; calls: string[] } {
  const sent: MenuCommand[] = [];
  const calls: string[] = [];
  const template = appMenuTemplate({
    appName: 'Fleet VIN Lookup',
    isMac: false,
    isPackaged: true,
    send: (command) => sent.push(command),
    openLogsFolder: () => calls.push('logs'),
    showAbout: () => calls.push('about'),
    ...overrides,
  });
  return { template, sent, calls };
}

function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((top) => [top, ...(Array.isArray(top.submenu) ? items(top.submenu) : [])]);
}

function click(item: MenuItemConstructorOptions | undefined): void {
  (item?.click as (() => void) | undefined)?.();
}

describe('appMenuTemplate', () => {
  it('has File, Edit, View and Help, and page commands send app:menu commands', () => {
    const { template, sent } = build();
    expect(template.map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Help']);
    for (const label of ['Import…', 'Export…', 'Team Database…', 'Undo', 'Delete', 'Select All', 'Focus Lookup', 'Find', 'Refresh Table', 'Toggle Details']) {
      click(items(template).find((i) => i.label === label));
    }
    expect(sent).toEqual(['import', 'export', 'teamDatabase', 'undo', 'deleteSelected', 'selectAll', 'focusLookup', 'find', 'refreshTable', 'toggleDetails']);
  });

  it('shows shortcuts the renderer handles without registering them (no double firing)', () => {
    const withAccelerator = items(build().template).filter((i) => i.accelerator !== undefined && i.click !== undefined && i.label !== 'Open Logs Folder' && !i.label?.startsWith('About'));
    expect(withAccelerator.map((i) => [i.label, i.accelerator])).toEqual([
      ['Import…', 'CmdOrCtrl+O'],
      ['Export…', 'CmdOrCtrl+E'],
      ['Team Database…', 'CmdOrCtrl+,'],
      ['Undo', 'CmdOrCtrl+Z'],
      ['Delete', 'Delete'],
      ['Select All', 'CmdOrCtrl+A'],
      ['Focus Lookup', 'CmdOrCtrl+L'],
      ['Find', 'CmdOrCtrl+F'],
      ['Refresh Table', 'F5'],
      ['Toggle Details', 'CmdOrCtrl+I'],
      ['Save Database Backup…', 'CmdOrCtrl+Shift+S'],
    ]);
    expect(withAccelerator.every((i) => i.registerAccelerator === false)).toBe(true);
  });

  it('shows an accelerator on every action (roles bring their own)', () => {
    for (const isMac of [false, true]) {
      const actions = items(build({ isMac, isPackaged: false }).template).filter((i) => i.type !== 'separator' && !Array.isArray(i.submenu));
      const missing = actions.filter((i) => i.role === undefined && i.accelerator === undefined).map((i) => i.label);
      expect(missing).toEqual(isMac ? [`About Fleet VIN Lookup`] : []);
    }
  });

  it('offers Reload and DevTools only when not packaged', () => {
    const roles = (packaged: boolean): unknown[] => items(build({ isPackaged: packaged }).template).map((i) => i.role);
    expect(roles(true)).not.toContain('toggleDevTools');
    expect(roles(true)).not.toContain('reload');
    expect(roles(false)).toContain('toggleDevTools');
    expect(roles(false)).toContain('reload');
  });

  it('Help opens the logs folder and About; macOS gets the app menu first', () => {
    const { template, calls } = build();
    click(items(template).find((i) => i.label === 'Open Logs Folder'));
    click(items(template).find((i) => i.label === 'About Fleet VIN Lookup'));
    expect(calls).toEqual(['logs', 'about']);
    const mac = build({ isMac: true }).template;
    expect(mac[0]?.label).toBe('Fleet VIN Lookup');
    expect(items(mac).find((i) => i.label === 'Delete')?.accelerator).toBe('Cmd+Backspace');
  });
});
