/**
 * Reading NHTSA's `recallsByVehicle` answer: `{Count, Message, results: [...]}`.
 *
 * HTTP 400 is how the API says it has no data for a make/model/year, so it is an answer
 * (`no-data`), not a failure. Campaign fields are read defensively: a missing or odd value
 * becomes null rather than failing the whole answer, but a body that is not the expected
 * envelope is retried like any garbled answer.
 */
import { z } from 'zod';
import { orderCampaigns, type FetchedRecallStatus, type RecallCampaign } from '../../../shared/recalls/recall-types';
import { isRetryableStatus, looksLikeHtml, parseRetryAfter } from '../http/http-answer';
import { RecallsError } from './recalls-error';

export interface RecallsAnswer {
  readonly status: FetchedRecallStatus;
  readonly campaigns: readonly RecallCampaign[];
}

const text = z.unknown().transform((v) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : typeof v === 'number' ? String(v) : null));
const flag = z.unknown().transform((v) => v === true || v === 'true' || v === 'Yes');

const wireRecallSchema = z.looseObject({
  NHTSACampaignNumber: text,
  ReportReceivedDate: text,
  Component: text,
  Summary: text,
  Consequence: text,
  Remedy: text,
  Notes: text,
  parkIt: flag,
  parkOutSide: flag,
  overTheAirUpdate: flag,
});

const envelopeSchema = z.looseObject({ results: z.array(z.unknown()) });

/** NHTSA writes DD/MM/YYYY; ISO dates sort and read the same everywhere. */
export function isoReportDate(value: string | null): string | null {
  if (value === null) return null;
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
  if (match === null) return /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : null;
  const [, day = '', month = '', year = ''] = match;
  const d = Number(day);
  const m = Number(month);
  if (m < 1 || m > 12 || d < 1 || d > 31) return null;
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

function describeStatus(status: number): string {
  if (status === 429) return 'NHTSA is throttling recall requests (HTTP 429 Too Many Requests)';
  if (status === 503) return "NHTSA's recalls service is temporarily unavailable (HTTP 503)";
  if (status >= 500) return `NHTSA's recalls service had an internal problem (HTTP ${status})`;
  if (status === 404) return "NHTSA's recalls service does not know this address (HTTP 404); check the NHTSA API base URL";
  return `NHTSA's recalls service rejected the request (HTTP ${status})`;
}

export async function readRecallsAnswer(response: Response, context: { readonly now: Date; readonly retryAfterMaxMs: number }): Promise<RecallsAnswer> {
  const body = await response.text();
  const status = response.status;
  if (status === 400) return { status: 'no-data', campaigns: [] };
  const html = looksLikeHtml(body, response.headers.get('content-type'));
  if (!response.ok) {
    const retryable = isRetryableStatus(status);
    const retryAfterMs = retryable ? parseRetryAfter(response.headers.get('retry-after'), context.now, context.retryAfterMaxMs) : undefined;
    throw new RecallsError('RECALLS_HTTP', html ? `NHTSA answered with an HTML page instead of recalls (HTTP ${status})` : describeStatus(status), {
      status,
      retryable,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
  }
  const garbled = (why: string, cause?: unknown): RecallsError =>
    new RecallsError('RECALLS_BAD_RESPONSE', `NHTSA sent a recalls answer that ${why} (HTTP ${status}); it may have been cut off`, {
      status,
      retryable: true,
      ...(cause === undefined ? {} : { cause }),
    });
  if (html) throw garbled('is an HTML page, not JSON');
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (cause) {
    throw garbled('is not valid JSON', cause);
  }
  const envelope = envelopeSchema.safeParse(parsed);
  if (!envelope.success) throw garbled('lacks the list of results');
  const unique = campaignsFromResults(envelope.data.results);
  return { status: unique.length > 0 ? 'found' : 'none', campaigns: orderCampaigns(unique) };
}

/**
 * The campaigns of an answer's `results`, each once (the same campaign can be listed once per
 * model variant); items without a campaign number are skipped.
 */
export function campaignsFromResults(results: readonly unknown[]): RecallCampaign[] {
  const campaigns: RecallCampaign[] = [];
  for (const item of results) {
    const recall = wireRecallSchema.safeParse(item);
    if (!recall.success || recall.data.NHTSACampaignNumber === null) continue;
    const r = recall.data;
    campaigns.push({
      campaignNumber: r.NHTSACampaignNumber ?? '',
      reportReceivedDate: isoReportDate(r.ReportReceivedDate),
      component: r.Component,
      summary: r.Summary,
      consequence: r.Consequence,
      remedy: r.Remedy,
      notes: r.Notes,
      parkIt: r.parkIt,
      parkOutside: r.parkOutSide,
      overTheAirUpdate: r.overTheAirUpdate,
    });
  }
  return [...new Map(campaigns.map((c) => [c.campaignNumber, c])).values()];
}
