/**
 * The application menu, as a plain template (so it is testable without starting Electron).
 *
 * Items that act on the page send an `app:menu` command; the renderer carries it out. The
 * renderer also handles the same shortcuts on keydown (the web target has no menu), so those
 * items keep their accelerator as a label only (`registerAccelerator: false`) and fire once.
 * Reload and DevTools exist only in unpackaged builds (Electron security checklist: no
 * developer tools in what users run).
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../shared/ipc/app-info';

export interface AppMenuOptions {
  readonly appName: string;
  readonly isMac: boolean;
  readonly isPackaged: boolean;
  /** Send a command to the focused window's renderer. */
  readonly send: (command: MenuCommand) => void;
  /** Open the folder holding the log files (shell.openPath in the desktop app). */
  readonly openLogsFolder: () => void;
  /** Show the About panel. */
  readonly showAbout: () => void;
}

/** An item the renderer carries out, with its shortcut shown but handled by the page. */
function pageCommand(label: string, command: MenuCommand, send: AppMenuOptions['send'], accelerator?: string): MenuItemConstructorOptions {
  return {
    label,
    ...(accelerator ? { accelerator, registerAccelerator: false } : {}),
    click: () => send(command),
  };
}

export function appMenuTemplate(options: AppMenuOptions): MenuItemConstructorOptions[] {
  const { send, isMac } = options;
  const template: MenuItemConstructorOptions[] = [];
  if (isMac) {
    template.push({
      label: options.appName,
      submenu: [
        { label: `About ${options.appName}`, click: options.showAbout },
        { type: 'separator' },
        { role: 'services' },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit' },
      ],
    });
  }
  template.push({
    label: 'File',
    submenu: [
      pageCommand('Import…', 'import', send, 'CmdOrCtrl+O'),
      pageCommand('Export…', 'export', send, 'CmdOrCtrl+E'),
      { type: 'separator' },
      // Ctrl/Cmd+, is where desktop apps keep their settings.
      pageCommand('Team Database…', 'teamDatabase', send, 'CmdOrCtrl+,'),
      { type: 'separator' },
      isMac ? { role: 'close' } : { role: 'quit' },
    ],
  });
  template.push({
    label: 'Edit',
    submenu: [
      // Undo is the page's: it restores the last removal, or undoes typing in a focused text field.
      pageCommand('Undo', 'undo', send, 'CmdOrCtrl+Z'),
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { type: 'separator' },
      pageCommand('Delete', 'deleteSelected', send, isMac ? 'Cmd+Backspace' : 'Delete'),
      pageCommand('Select All', 'selectAll', send, 'CmdOrCtrl+A'),
    ],
  });
  const developer: MenuItemConstructorOptions[] = options.isPackaged
    ? []
    : [{ type: 'separator' }, { role: 'reload' }, { role: 'toggleDevTools' }];
  template.push({
    label: 'View',
    submenu: [
      pageCommand('Focus Lookup', 'focusLookup', send, 'CmdOrCtrl+L'),
      pageCommand('Find', 'find', send, 'CmdOrCtrl+F'),
      pageCommand('Refresh Table', 'refreshTable', send, 'F5'),
      pageCommand('Toggle Details', 'toggleDetails', send, 'CmdOrCtrl+I'),
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
      ...developer,
    ],
  });
  template.push({
    label: 'Help',
    submenu: [
      // Main carries these two out itself, so their accelerators are registered here.
      { label: 'Open Logs Folder', accelerator: 'CmdOrCtrl+Shift+L', click: options.openLogsFolder },
      pageCommand('Save Database Backup…', 'saveBackup', options.send, 'CmdOrCtrl+Shift+S'),
      ...(isMac ? [] : [{ type: 'separator' } as const, { label: `About ${options.appName}`, accelerator: 'F1', click: options.showAbout }]),
    ],
  });
  return template;
}
