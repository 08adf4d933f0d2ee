/**
 * The main window: secure options, remembered bounds, and where the page comes from.
 */
import { BrowserWindow, screen } from 'electron';
import fs from 'node:fs';
import path from 'node:path';
import { APP_ORIGIN, secureWebPreferences } from './security';

export interface WindowBounds {
  readonly x?: number;
  readonly y?: number;
  readonly width: number;
  readonly height: number;
  readonly maximized?: boolean;
}

const DEFAULT_BOUNDS: WindowBounds = { width: 1280, height: 800 };

export function loadBounds(file: string): WindowBounds {
  try {
    const saved = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<WindowBounds>;
    if (typeof saved.width !== 'number' || typeof saved.height !== 'number') return DEFAULT_BOUNDS;
    // Only restore a position that is still on a connected display.
    const onScreen =
      typeof saved.x === 'number' &&
      typeof saved.y === 'number' &&
      screen.getAllDisplays().some((d) => {
        const a = d.workArea;
        return saved.x! >= a.x - 50 && saved.y! >= a.y - 50 && saved.x! < a.x + a.width && saved.y! < a.y + a.height;
      });
    return onScreen ? (saved as WindowBounds) : { width: saved.width, height: saved.height, maximized: !!saved.maximized };
  } catch {
    return DEFAULT_BOUNDS;
  }
}

function saveBounds(win: BrowserWindow, file: string): void {
  const b = win.getNormalBounds();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify({ ...b, maximized: win.isMaximized() }));
}

export function createMainWindow(options: {
  preloadPath: string;
  boundsFile: string;
  devServerUrl?: string;
}): BrowserWindow {
  const bounds = loadBounds(options.boundsFile);
  const win = new BrowserWindow({
    ...bounds,
    minWidth: 800,
    minHeight: 500,
    show: false,
    title: 'Fleet VIN Lookup',
    backgroundColor: '#1e1e1e',
    // Spelled out as well as set by secureWebPreferences, so scanners (Electronegativity) that
    // read only this literal see them (Electron security checklist items 3 and 4).
    webPreferences: { ...secureWebPreferences(options.preloadPath), contextIsolation: true, sandbox: true, nodeIntegration: false },
  });
  if (bounds.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  win.on('close', () => saveBounds(win, options.boundsFile));
  void win.loadURL(options.devServerUrl ?? `${APP_ORIGIN}/index.html`);
  return win;
}
