/**
 * The e2e web target's host: the built renderer plus a loopback HTTP bridge into the real core.
 *
 * It builds the same `AppContext` the Electron main process builds (real SQLite in the given data
 * folder, or a team's PostgreSQL database when `storage` names one) and answers
 * `POST /__harness/ipc/<channel>` through the same `dispatch`. It binds 127.0.0.1 only, refuses
 * requests from other origins (a web page elsewhere must not drive it), and is never part of the
 * app bundle.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { build } from 'esbuild';
import { createAppContext, type AppContext, type AppContextOptions, type EmitEvent } from '../../electron/core/app/app-context';
import { createLogger } from '../../electron/core/logging/logger';
import type { StorageLocation } from '../../electron/core/storage/storage-location';

export interface TestHostOptions {
  readonly port?: number;
  readonly dataDir: string;
  readonly vpicUrl?: string;
  /** NHTSA API base URL for recalls (the simulator's `nhtsaApiUrl`). */
  readonly nhtsaApiUrl?: string;
  readonly rendererDir?: string;
  readonly offline?: boolean;
  readonly verbose?: boolean;
  /** vPIC client settings (e2e shortens retries and the breaker's cool-down). */
  readonly vpicOptions?: AppContextOptions['vpicOptions'];
  /** Where the fleet is stored; default the SQLite file in `dataDir`. Hosts on one PostgreSQL database are desks of one team. */
  readonly storage?: StorageLocation;
}

export interface TestHost {
  readonly url: string;
  readonly context: AppContext;
  /** System notifications the app raised (import finished …), in order. */
  readonly notifications: readonly { readonly title: string; readonly body: string }[];
  /** Taskbar progress values the app set (-1 = cleared), in order. */
  readonly progressBar: readonly number[];
  close(): Promise<void>;
}

const ROOT = path.resolve(__dirname, '../..');
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

async function bundleBridge(): Promise<string> {
  const result = await build({
    entryPoints: [path.join(__dirname, 'web-bridge.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
  });
  return result.outputFiles[0]!.text;
}

function readBody(request: http.IncomingMessage, limit = 256 * 1024 * 1024): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new Error('request body too large'));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

export async function startTestHost(options: TestHostOptions): Promise<TestHost> {
  const rendererDir = path.resolve(options.rendererDir ?? path.join(ROOT, 'out/renderer'));
  const indexFile = path.join(rendererDir, 'index.html');
  if (!fs.existsSync(indexFile)) {
    throw new Error(`The renderer is not built (${indexFile} is missing). Run "npm run build" first.`);
  }
  const bridge = await bundleBridge();
  const sseClients = new Set<http.ServerResponse>();
  const emit: EmitEvent = (channel, payload) => {
    const data = `data: ${JSON.stringify({ channel, payload })}\n\n`;
    for (const client of sseClients) client.write(data);
  };
  const logger = createLogger({ level: options.verbose ? 'debug' : 'warn', stderr: true });
  const notifications: { title: string; body: string }[] = [];
  const progressBar: number[] = [];
  const context = await createAppContext({
    dataDir: options.dataDir,
    ...(options.storage ? { storage: options.storage } : {}),
    runtime: 'web-harness',
    version: (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version,
    logger,
    emit,
    ...(options.vpicUrl ? { vpicUrl: options.vpicUrl } : {}),
    ...(options.nhtsaApiUrl ? { nhtsaApiUrl: options.nhtsaApiUrl } : {}),
    ...(options.offline ? { offline: true } : {}),
    ...(options.vpicOptions ? { vpicOptions: options.vpicOptions } : {}),
    // Stand-ins for Electron's safeStorage, Notification and taskbar progress (recorded for specs).
    secretStore: {
      isAvailable: () => true,
      encrypt: (text) => Buffer.from(`test-sealed:${Buffer.from(text, 'utf8').toString('base64')}`, 'utf8'),
      decrypt: (data) => Buffer.from(data.toString('utf8').replace(/^test-sealed:/, ''), 'base64').toString('utf8'),
    },
    notify: (notification) => notifications.push(notification),
    setProgressBar: (fraction) => progressBar.push(fraction),
  });
  const uploadDir = fs.mkdtempSync(path.join(options.dataDir, 'uploads-'));
  let origin = '';

  const server = http.createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      logger.error({ err: error }, 'test host request failed');
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
      response.end('internal error');
    });
  });

  async function handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', origin);
    // Same-origin only: the page we serve, or a tool with no Origin header (curl, Playwright's request).
    const requestOrigin = request.headers.origin;
    if (requestOrigin !== undefined && requestOrigin !== origin) {
      response.writeHead(403, { 'content-type': 'text/plain' }).end('forbidden origin');
      return;
    }
    if (url.pathname.startsWith('/__harness/ipc/') && request.method === 'POST') {
      const channel = decodeURIComponent(url.pathname.slice('/__harness/ipc/'.length));
      let payload: unknown;
      try {
        payload = JSON.parse((await readBody(request, 1024 * 1024)).toString('utf8') || '{}');
      } catch {
        payload = Symbol('unparseable');
      }
      const result = await context.dispatch(channel, payload);
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result));
      return;
    }
    if (url.pathname === '/__harness/events') {
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
      response.write(': connected\n\n');
      sseClients.add(response);
      request.on('close', () => sseClients.delete(response));
      return;
    }
    if (url.pathname === '/__harness/bridge.js') {
      response.writeHead(200, { 'content-type': CONTENT_TYPES['.js']! }).end(bridge);
      return;
    }
    // The web page has no file paths: a "dropped" file's bytes are uploaded, written here and
    // granted, standing in for the preload's drop registration (test-only, like this host).
    if (url.pathname === '/__harness/upload' && request.method === 'POST') {
      const name = path.basename(url.searchParams.get('name') ?? 'upload.csv').replace(/[^\w.\- ]/g, '_') || 'upload.csv';
      const dir = fs.mkdtempSync(path.join(uploadDir, 'f-'));
      const file = path.join(dir, name);
      fs.writeFileSync(file, await readBody(request));
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(await context.grants.grantAll([file])));
      return;
    }
    // TEST-ONLY: grant a file already on disk, as if the user had chosen it (specs and hostile
    // probes use it; the app has no such door: its grants come from main's dialog, the preload's
    // drop registration and the CLI's arguments). Same-origin rule above applies.
    if (url.pathname === '/__harness/grant' && request.method === 'POST') {
      let file: unknown;
      try {
        file = (JSON.parse((await readBody(request, 64 * 1024)).toString('utf8')) as { path?: unknown }).path;
      } catch {
        file = undefined;
      }
      if (typeof file !== 'string' || file === '') {
        response.writeHead(400, { 'content-type': 'text/plain' }).end('body must be {"path": "<file>"}');
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(await context.grants.grantAll([file])));
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405).end();
      return;
    }
    const relative = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname).replace(/^\/+/, '');
    const file = path.resolve(rendererDir, relative);
    if (!file.startsWith(rendererDir + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    let body: Buffer | string = fs.readFileSync(file);
    if (file === indexFile) {
      // The bridge must define window.fleet before the app's module script runs.
      body = body.toString('utf8').replace('<head>', '<head>\n    <script src="/__harness/bridge.js"></script>');
    }
    response.writeHead(200, { 'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream' }).end(body);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('test host has no TCP address');
  origin = `http://127.0.0.1:${address.port}`;

  return {
    url: `${origin}/`,
    context,
    notifications,
    progressBar,
    async close() {
      for (const client of sseClients) client.end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await context.close();
      fs.rmSync(uploadDir, { recursive: true, force: true });
    },
  };
}
