/**
 * Keyboard shortcuts and application-menu commands, handled in one place.
 *
 * The renderer handles the shortcuts itself (the web target has no menu); the Electron menu
 * shows the same accelerators with `registerAccelerator: false`, so each fires once. Ctrl/Cmd+A
 * and Delete inside a text field keep their text-editing meaning.
 */
import { useEffect, useRef } from 'react';
import type { MenuCommand } from '../../../shared/ipc/app-info';

export type CommandHandlers = Readonly<Record<MenuCommand, () => void>>;

/** True for elements where typing keys edit text. */
export function isTextField(element: Element | null): boolean {
  if (!element) return false;
  if (element instanceof HTMLTextAreaElement) return true;
  // A list box (the grid's column filters) keeps its keys too: Delete there must not remove rows.
  if (element instanceof HTMLSelectElement) return true;
  if (element instanceof HTMLInputElement) {
    return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes(element.type);
  }
  return element instanceof HTMLElement && element.isContentEditable;
}

/** The command a key press stands for, or null. */
export function commandForKey(event: KeyboardEvent, isMac: boolean): MenuCommand | null {
  const mod = isMac ? event.metaKey : event.ctrlKey;
  const key = event.key.toLowerCase();
  if (mod && !event.altKey && event.shiftKey && key === 's') return 'saveBackup';
  if (mod && !event.altKey && !event.shiftKey) {
    if (key === 'l') return 'focusLookup';
    if (key === 'o') return 'import';
    if (key === 'e') return 'export';
    if (key === ',') return 'teamDatabase';
    // In a text field Ctrl/Cmd+Z keeps undoing typing.
    if (key === 'z') return isTextField(document.activeElement) ? null : 'undo';
    if (key === 'f') return 'find';
    if (key === 'i') return 'toggleDetails';
    if (key === 'a') return isTextField(document.activeElement) ? null : 'selectAll';
  }
  if (event.key === 'F5' && !mod) return 'refreshTable';
  if ((event.key === 'Delete' || (isMac && event.key === 'Backspace' && event.metaKey)) && !isTextField(document.activeElement)) {
    return 'deleteSelected';
  }
  return null;
}

export function useAppCommands(handlers: CommandHandlers): void {
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  }, [handlers]);

  useEffect(() => {
    const isMac = /Mac/i.test(navigator.platform);
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.defaultPrevented) return;
      const command = commandForKey(event, isMac);
      if (!command) return;
      event.preventDefault();
      latest.current[command]();
    };
    window.addEventListener('keydown', onKeyDown);
    const off = window.fleet.onAppMenu(({ command }) => {
      // From the menu, Select All / Delete act on the text field when one has focus.
      const active = document.activeElement;
      if (isTextField(active) && command === 'undo') {
        // execCommand is deprecated but remains the only way to drive a field's own undo stack.
        document.execCommand('undo');
        return;
      }
      if (isTextField(active) && (command === 'selectAll' || command === 'deleteSelected')) {
        if (command === 'selectAll' && (active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement)) active.select();
        return;
      }
      latest.current[command]();
    });
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      off();
    };
  }, []);
}

/** Tell the import/export components (which listen on window) that their menu item was chosen. */
export function dispatchMenuEvent(command: MenuCommand): void {
  window.dispatchEvent(new CustomEvent('fleet:menu', { detail: { command } }));
}
