/**
 * Build of the `vinlookup` CLI: CommonJS, entry `out/cli/vinlookup.js`, runnable by plain Node.
 *
 * An SSR build targets Node (builtins stay `require`s). Runtime dependencies stay external and
 * load from node_modules like the desktop app's main bundle — better-sqlite3 is native and
 * corgi's snapshot is a file it finds next to its package — except p-queue and p-retry, which are
 * ESM-only and cannot be `require`d from CommonJS on every supported Node, so they are bundled.
 * The entry gets a shebang and the executable bit so the package's `bin` entry works as is;
 * modules the code loads with `import()` become chunks in `out/cli/chunks/`.
 */
import { chmod } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import packageJson from './package.json';

/** ESM-only dependencies: bundled into the CommonJS output instead of required. */
const BUNDLED = new Set(['p-queue', 'p-retry']);
const external = Object.keys(packageJson.dependencies).filter((name) => !BUNDLED.has(name));
const OUT_DIR = resolve(__dirname, 'out/cli');
const ENTRY_FILE = 'vinlookup.js';

function isExternal(id: string): boolean {
  if (id.startsWith('node:') || builtinModules.includes(id)) return true;
  return external.some((name) => id === name || id.startsWith(`${name}/`));
}

/** `chmod +x` the entry so `./out/cli/vinlookup.js` and the npm `bin` link run directly. */
function executableEntry(): Plugin {
  return {
    name: 'vinlookup-executable',
    apply: 'build',
    async writeBundle(options) {
      await chmod(resolve(options.dir ?? OUT_DIR, ENTRY_FILE), 0o755);
    },
  };
}

export default defineConfig({
  plugins: [executableEntry()],
  // The CLI never reads .env files or a public folder.
  envDir: false,
  publicDir: false,
  build: {
    ssr: resolve(__dirname, 'electron/cli/vinlookup.ts'),
    outDir: OUT_DIR,
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: true,
    reportCompressedSize: false,
    rollupOptions: {
      external: isExternal,
      output: {
        format: 'cjs',
        entryFileNames: ENTRY_FILE,
        // A module loaded with `import()` (a library only some commands need, e.g. Parquet
        // writing or OpenPGP) becomes its own chunk, required when first used, so a cached
        // lookup does not pay for loading what an export or an encrypted import needs.
        chunkFileNames: 'chunks/[name]-[hash].js',
        banner: (chunk) => (chunk.isEntry ? '#!/usr/bin/env node' : ''),
      },
    },
  },
  ssr: {
    // Bundle everything not listed external above (vite's SSR default externalises all deps).
    noExternal: true,
    target: 'node',
  },
});
