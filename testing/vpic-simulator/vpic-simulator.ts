/**
 * A loopback stand-in for NHTSA's vPIC API, for tests and benchmarks.
 *
 * NHTSA cannot be reached from CI or from this machine, and the client's politeness
 * (batching, concurrency, rate cap, retries, breaker) can only be proven against a server that
 * counts what it receives and misbehaves on demand. It answers vPIC's wire shape: envelope
 * `{Count, Message, SearchCriteria, Results}`, every value a string, "" for missing data.
 *
 * Endpoints (base path /api, like https://vpic.nhtsa.dot.gov/api):
 * - GET  /api/vehicles/DecodeVinValues/{vin}?format=json[&modelyear=YYYY]
 * - POST /api/vehicles/DecodeVINValuesBatch/   body `format=json&data=VIN[,year];VIN…`
 * - GET  /recalls/recallsByVehicle?make=&model=&modelYear=  (NHTSA's recalls API, which lives at
 *   https://api.nhtsa.gov rather than under /api: see `nhtsaApiUrl`); answers come from
 *   `simulateRecalls`, HTTP 400 when NHTSA would have no data. Faults apply to it too.
 * - Control (never faulted, never counted): POST /__control/down `{down}`,
 *   POST /__control/faults `[Fault…]`, POST /__control/latency `{latencyMs}`,
 *   GET /__control/stats, POST /__control/reset-stats.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { simulateDecode } from './simulated-decode';
import { simulateRecalls } from './simulated-recalls';

export type Fault =
  | { readonly kind: 'status'; readonly status: 500 | 503 | 408 | 429 | 400 | 404; readonly retryAfterSeconds?: number }
  | { readonly kind: 'slow'; readonly delayMs: number }
  | { readonly kind: 'reset' }
  | { readonly kind: 'malformed-json' }
  | { readonly kind: 'html'; readonly status?: 200 | 503 }
  | { readonly kind: 'partial-batch'; readonly drop: number };

export type FaultKind = Fault['kind'];

export interface VpicSimulatorStats {
  /** vPIC API requests received (control requests excluded; refused connections excluded). */
  readonly requests: number;
  readonly getRequests: number;
  readonly batchRequests: number;
  /** VINs asked for, summed over GETs and batches. */
  readonly vinsRequested: number;
  /** Recalls requests among `requests`, and what each asked for (`MAKE|MODEL|YEAR`). */
  readonly recallRequests: number;
  readonly recallQueries: readonly string[];
  /** Most API requests in flight at once. */
  readonly maxConcurrent: number;
  /** Arrival time (ms since epoch) of each API request, to check the rate cap. */
  readonly requestTimes: readonly number[];
  /** API requests answered with an injected fault. */
  readonly faultsServed: number;
  /** API requests whose connection was destroyed because the simulator was down. */
  readonly refusedConnections: number;
}

export interface VpicSimulatorOptions {
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /** Delay before every API answer, ms (default 0). */
  readonly latencyMs?: number;
  readonly host?: '127.0.0.1';
  /** Year that resolves the model-year cycle (default: the current year). */
  readonly referenceYear?: number;
}

export interface VpicSimulator {
  /** Base URL, e.g. http://127.0.0.1:43123/api */
  readonly url: string;
  /** Base URL of the recalls API (NHTSA's https://api.nhtsa.gov), e.g. http://127.0.0.1:43123 */
  readonly nhtsaApiUrl: string;
  readonly port: number;
  readonly stats: VpicSimulatorStats;
  resetStats(): void;
  setLatency(ms: number): void;
  /** Queue faults: each incoming API request consumes the next one, then normal service resumes. */
  injectFaults(faults: readonly Fault[]): void;
  /** Drop queued faults and stop random ones. */
  clearFaults(): void;
  /** Random faults on `rate` (0..1) of requests, drawn from `kinds` by a seeded generator. */
  setFaultRate(rate: number, kinds: readonly Fault[], seed: number): void;
  /** While down every connection is destroyed on arrival (the client sees a reset). */
  setDown(down: boolean): void;
  close(): Promise<void>;
}

const OK_MESSAGE =
  'Results returned successfully. NOTE: Any missing decoded values should be interpreted as NHTSA does not have data on the specific variable. Missing value should NOT be interpreted as an indication that a feature or technology is unavailable for a vehicle.';

/** vPIC's batch endpoint accepts at most 50 VINs a request. */
export const MAX_BATCH = 50;

/** Mulberry32: a tiny seeded PRNG so random fault runs are reproducible. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface MutableStats {
  requests: number;
  getRequests: number;
  batchRequests: number;
  vinsRequested: number;
  recallRequests: number;
  recallQueries: string[];
  maxConcurrent: number;
  requestTimes: number[];
  faultsServed: number;
  refusedConnections: number;
}

function emptyStats(): MutableStats {
  return {
    requests: 0,
    getRequests: 0,
    batchRequests: 0,
    vinsRequested: 0,
    recallRequests: 0,
    recallQueries: [],
    maxConcurrent: 0,
    requestTimes: [],
    faultsServed: 0,
    refusedConnections: 0,
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** One requested item: `VIN` or `VIN,modelyear`. */
interface BatchItem {
  readonly vin: string;
  readonly modelYear?: number;
}

function parseBatchData(data: string): BatchItem[] {
  return data
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map((item) => {
      const [vin = '', year] = item.split(',').map((p) => p.trim());
      const y = year === undefined ? Number.NaN : Number(year);
      return Number.isInteger(y) ? { vin, modelYear: y } : { vin };
    });
}

function htmlPage(status: number): string {
  return `<!DOCTYPE html><html><head><title>Service Unavailable</title></head><body><h1>HTTP ${status}</h1><p>The service is temporarily unavailable. Please try again later.</p></body></html>`;
}

function isFault(value: unknown): value is Fault {
  if (typeof value !== 'object' || value === null || !('kind' in value)) return false;
  const kind = (value as { kind: unknown }).kind;
  return ['status', 'slow', 'reset', 'malformed-json', 'html', 'partial-batch'].includes(String(kind));
}

export async function startVpicSimulator(options: VpicSimulatorOptions = {}): Promise<VpicSimulator> {
  const host = options.host ?? '127.0.0.1';
  const referenceYear = options.referenceYear ?? new Date().getFullYear();
  let latencyMs = options.latencyMs ?? 0;
  let down = false;
  let stats = emptyStats();
  let inFlight = 0;
  const faultQueue: Fault[] = [];
  let random: { rate: number; kinds: readonly Fault[]; next: () => number } | null = null;
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();

  /** Waits `ms` unless the client goes away first; resolves false when it did. */
  function wait(res: ServerResponse, ms: number): Promise<boolean> {
    if (ms <= 0) return Promise.resolve(!res.destroyed);
    return new Promise((resolve) => {
      const onClose = (): void => {
        clearTimeout(timer);
        timers.delete(timer);
        resolve(false);
      };
      const timer = setTimeout(() => {
        timers.delete(timer);
        res.off('close', onClose);
        resolve(!res.destroyed);
      }, ms);
      timers.add(timer);
      res.once('close', onClose);
    });
  }

  function send(res: ServerResponse, status: number, contentType: string, body: string, headers: Record<string, string> = {}): void {
    if (res.destroyed) return;
    res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body), ...headers });
    res.end(body);
  }

  function sendJson(res: ServerResponse, status: number, value: unknown): void {
    send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));
  }

  function nextFault(): Fault | null {
    const queued = faultQueue.shift();
    if (queued !== undefined) return queued;
    if (random !== null && random.kinds.length > 0 && random.next() < random.rate) {
      return random.kinds[Math.floor(random.next() * random.kinds.length)] ?? null;
    }
    return null;
  }

  async function handleControl(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const body = req.method === 'POST' ? await readBody(req) : '';
    const parsed: unknown = body.length > 0 ? JSON.parse(body) : null;
    if (req.method === 'GET' && path === '/__control/stats') return sendJson(res, 200, snapshotStats());
    if (req.method === 'POST' && path === '/__control/reset-stats') {
      stats = emptyStats();
      return sendJson(res, 200, { ok: true });
    }
    if (req.method === 'POST' && path === '/__control/down') {
      const value = typeof parsed === 'object' && parsed !== null && 'down' in parsed ? (parsed as { down: unknown }).down : undefined;
      if (typeof value !== 'boolean') return sendJson(res, 400, { error: 'expected {"down": boolean}' });
      down = value;
      return sendJson(res, 200, { ok: true, down });
    }
    if (req.method === 'POST' && path === '/__control/faults') {
      if (!Array.isArray(parsed) || !parsed.every(isFault)) return sendJson(res, 400, { error: 'expected an array of faults' });
      faultQueue.push(...parsed);
      return sendJson(res, 200, { ok: true, queued: faultQueue.length });
    }
    if (req.method === 'POST' && path === '/__control/latency') {
      const value = typeof parsed === 'object' && parsed !== null && 'latencyMs' in parsed ? (parsed as { latencyMs: unknown }).latencyMs : undefined;
      if (typeof value !== 'number' || value < 0) return sendJson(res, 400, { error: 'expected {"latencyMs": number}' });
      latencyMs = value;
      return sendJson(res, 200, { ok: true, latencyMs });
    }
    return sendJson(res, 404, { error: `unknown control endpoint ${req.method ?? ''} ${path}` });
  }

  /** Answers an API request: the items it asks for, or null when the route is unknown. */
  async function parseApiRequest(req: IncomingMessage, url: URL): Promise<{ items: BatchItem[]; batch: boolean } | null> {
    const path = url.pathname;
    const getMatch = /^\/api\/vehicles\/decodevinvalues\/([^/]+)\/?$/i.exec(path);
    if (req.method === 'GET' && getMatch !== null) {
      const vin = decodeURIComponent(getMatch[1] ?? '');
      const year = Number(url.searchParams.get('modelyear') ?? Number.NaN);
      return { items: [Number.isInteger(year) ? { vin, modelYear: year } : { vin }], batch: false };
    }
    if (req.method === 'POST' && /^\/api\/vehicles\/decodevinvaluesbatch\/?$/i.test(path)) {
      const form = new URLSearchParams(await readBody(req));
      return { items: parseBatchData(form.get('data') ?? ''), batch: true };
    }
    return null;
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    stats.requests += 1;
    stats.requestTimes.push(Date.now());
    inFlight += 1;
    stats.maxConcurrent = Math.max(stats.maxConcurrent, inFlight);
    res.once('close', () => {
      inFlight -= 1;
    });

    if (req.method === 'GET' && /^\/recalls\/recallsbyvehicle\/?$/i.test(url.pathname)) {
      await handleRecalls(res, url);
      return;
    }
    const parsed = await parseApiRequest(req, url);
    if (parsed === null) {
      send(res, 404, 'text/html; charset=utf-8', htmlPage(404));
      return;
    }
    if (parsed.batch) stats.batchRequests += 1;
    else stats.getRequests += 1;
    stats.vinsRequested += parsed.items.length;

    const fault = nextFault();
    if (fault !== null) stats.faultsServed += 1;
    if (fault?.kind === 'reset') {
      req.socket.destroy();
      return;
    }
    const delay = latencyMs + (fault?.kind === 'slow' ? fault.delayMs : 0);
    if (!(await wait(res, delay))) return;

    if (fault?.kind === 'status') {
      const headers: Record<string, string> = {};
      if (fault.retryAfterSeconds !== undefined) headers['retry-after'] = String(fault.retryAfterSeconds);
      send(res, fault.status, 'application/json; charset=utf-8', JSON.stringify({ Message: `Simulated HTTP ${fault.status}` }), headers);
      return;
    }
    if (fault?.kind === 'html') {
      const status = fault.status ?? 503;
      send(res, status, 'text/html; charset=utf-8', htmlPage(status));
      return;
    }
    if (fault?.kind === 'malformed-json') {
      send(res, 200, 'application/json; charset=utf-8', '{"Count":1,"Message":"Results returned successfully","SearchCriteria":"","Results":[{"ABS":"","Make":"PETE');
      return;
    }
    if (parsed.batch && parsed.items.length > MAX_BATCH) {
      send(res, 400, 'application/json; charset=utf-8', JSON.stringify({ Message: `Batch is limited to ${MAX_BATCH} VINs` }));
      return;
    }

    let results = parsed.items.map((item) =>
      simulateDecode(item.vin, item.modelYear === undefined ? { referenceYear } : { referenceYear, modelYear: item.modelYear }),
    );
    if (fault?.kind === 'partial-batch') results = results.slice(0, Math.max(0, results.length - fault.drop));
    sendJson(res, 200, {
      Count: results.length,
      Message: OK_MESSAGE,
      // vPIC echoes the VIN for a single decode and sends "" for batches.
      SearchCriteria: parsed.batch ? '' : `VIN(s): ${parsed.items[0]?.vin ?? ''}`,
      Results: results,
    });
  }

  /** Sends an injected fault's answer; true when it did (or dropped the connection). */
  async function serveFault(req: IncomingMessage, res: ServerResponse, fault: Fault | null): Promise<boolean> {
    if (fault?.kind === 'reset') {
      req.socket.destroy();
      return true;
    }
    const delay = latencyMs + (fault?.kind === 'slow' ? fault.delayMs : 0);
    if (!(await wait(res, delay))) return true;
    if (fault?.kind === 'status') {
      const headers: Record<string, string> = {};
      if (fault.retryAfterSeconds !== undefined) headers['retry-after'] = String(fault.retryAfterSeconds);
      send(res, fault.status, 'application/json; charset=utf-8', JSON.stringify({ Message: `Simulated HTTP ${fault.status}` }), headers);
      return true;
    }
    if (fault?.kind === 'html') {
      const status = fault.status ?? 503;
      send(res, status, 'text/html; charset=utf-8', htmlPage(status));
      return true;
    }
    return false;
  }

  async function handleRecalls(res: ServerResponse, url: URL): Promise<void> {
    const make = url.searchParams.get('make') ?? '';
    const model = url.searchParams.get('model') ?? '';
    const modelYear = Number(url.searchParams.get('modelYear') ?? Number.NaN);
    stats.recallRequests += 1;
    stats.recallQueries.push(`${make.toUpperCase()}|${model.toUpperCase()}|${url.searchParams.get('modelYear') ?? ''}`);
    const fault = nextFault();
    if (fault !== null) stats.faultsServed += 1;
    if (await serveFault(res.req, res, fault)) return;
    if (fault?.kind === 'malformed-json') {
      send(res, 200, 'application/json; charset=utf-8', '{"Count":2,"Message":"Results returned successfully","results":[{"Manufacturer":"PAC');
      return;
    }
    const answer = make === '' || model === '' ? { kind: 'no-data' as const } : simulateRecalls(make, model, modelYear);
    if (answer.kind === 'no-data') {
      // NHTSA's recalls API answers a make/model/year it has no data for with HTTP 400.
      sendJson(res, 400, { Count: 0, Message: 'No results found for the given criteria', results: [] });
      return;
    }
    sendJson(res, 200, { Count: answer.results.length, Message: 'Results returned successfully', results: answer.results });
  }

  function snapshotStats(): VpicSimulatorStats {
    return { ...stats, requestTimes: [...stats.requestTimes], recallQueries: [...stats.recallQueries] };
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', `http://${host}`);
    const control = url.pathname.startsWith('/__control/');
    // Down: reset the connection without a byte of answer, like a dead host behind a proxy.
    // Checked per request (not per connection) so the control endpoints keep working.
    if (down && !control) {
      stats.refusedConnections += 1;
      req.socket.destroy();
      return;
    }
    const handler = control ? handleControl(req, res, url.pathname) : handleApi(req, res, url);
    handler.catch((error: unknown) => {
      if (!res.headersSent && !res.destroyed) {
        sendJson(res, 500, { error: error instanceof Error ? error.message : String(error) });
      }
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://${host}:${port}/api`,
    nhtsaApiUrl: `http://${host}:${port}`,
    port,
    get stats() {
      return snapshotStats();
    },
    resetStats() {
      stats = emptyStats();
    },
    setLatency(ms) {
      latencyMs = ms;
    },
    injectFaults(faults) {
      faultQueue.push(...faults);
    },
    clearFaults() {
      faultQueue.length = 0;
      random = null;
    },
    setFaultRate(rate, kinds, seed) {
      random = rate > 0 ? { rate, kinds: [...kinds], next: mulberry32(seed) } : null;
    },
    setDown(value) {
      down = value;
      // In-flight answers die with the host too.
      if (down) {
        for (const socket of sockets) socket.destroy();
      }
    },
    close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
