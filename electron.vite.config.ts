/**
 * Build of the three Electron bundles: main (ESM→CJS for Node), preload (one CommonJS file, as a
 * sandboxed preload must be) and the React renderer.
 *
 * Native and heavyweight Node modules stay external to the main bundle so they load from
 * node_modules (unpacked from the asar when packaging): better-sqlite3 and the offline snapshot.
 */
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, externalizeDepsPlugin } from 'electron-vite';

export default defineConfig({
  main: {
    plugins: [externalizeDepsPlugin({ exclude: ['p-queue', 'p-retry'] })],
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'electron/main/index.ts'),
          // Its own file: export-service.ts starts it as a worker thread from __dirname.
          'export-worker': resolve(__dirname, 'electron/core/export/export-worker.ts'),
          // Same for import-service.ts (via electron/core/workers/start-worker.ts).
          'import-worker': resolve(__dirname, 'electron/core/import/import-worker.ts'),
          'preview-worker': resolve(__dirname, 'electron/core/import/preview-worker.ts'),
          // Large removals and their undo (electron/core/storage/sqlite/vehicles/removal-client.ts).
          'removal-worker': resolve(__dirname, 'electron/core/storage/sqlite/vehicles/removal-worker.ts'),
        },
      },
    },
  },
  preload: {
    // Nothing external: a sandboxed preload can require only a few Electron modules.
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(__dirname, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs', inlineDynamicImports: true },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      // electron-vite leaves the renderer unminified; minified, the page parses ~3x less script
      // before the first rows show.
      minify: 'esbuild',
      rollupOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } },
    },
  },
});
