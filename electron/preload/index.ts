/**
 * The preload: exposes the contract's API, and nothing else, as `window.fleet`.
 *
 * Built as one CommonJS bundle because sandboxed preloads cannot load ES modules. Event
 * listeners never receive Electron's event object (it would leak `sender`). Dropped files'
 * paths come from `webUtils.getPathForFile`, since `File.path` is gone since Electron 32.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { createContractApi } from '../../shared/ipc/api';

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

contextBridge.exposeInMainWorld('fleet', api);
contextBridge.exposeInMainWorld('fleetFiles', {
  /** Absolute path of a dropped File, or '' when it has none (e.g. dragged from a browser). */
  pathForFile: (file: File): Promise<string> => Promise.resolve(webUtils.getPathForFile(file)),
});
