/**
 * The preload: exposes the contract's API, and nothing else, as `window.fleet`, plus
 * `window.fleetFiles` to register dropped files.
 *
 * Built as one CommonJS bundle because sandboxed preloads cannot load ES modules. Event
 * listeners never receive Electron's event object (it would leak `sender`). Dropped files are
 * resolved here with `webUtils.getPathForFile` (`File.path` is gone since Electron 32) and
 * registered with main by the preload itself: the page gets grants, never sends paths.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { REGISTER_DROPPED_FILES_CHANNEL } from '../../shared/import/import-channels';
import { createContractApi } from '../../shared/ipc/api';
import { createDroppedFilesRegistrar } from './dropped-files';

const api = createContractApi({
  invoke: (channel, request) => ipcRenderer.invoke(channel, request),
  subscribe: (channel, listener) => {
    const wrapped = (_event: IpcRendererEvent, payload: unknown): void => listener(payload);
    ipcRenderer.on(channel, wrapped);
    return () => {
      ipcRenderer.removeListener(channel, wrapped);
    };
  },
});

const registerDroppedFiles = createDroppedFilesRegistrar({
  pathForFile: (file) => webUtils.getPathForFile(file),
  register: (paths) => ipcRenderer.invoke(REGISTER_DROPPED_FILES_CHANNEL, { paths }),
});

contextBridge.exposeInMainWorld('fleet', api);
contextBridge.exposeInMainWorld('fleetFiles', {
  /** Grants for dropped (or picked) File objects; items with no file on disk are listed as refused. */
  registerDroppedFiles: (files: unknown) => registerDroppedFiles(files),
});
