import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { RECALL_STATUSES, RECALL_STATUS_LABELS, orderCampaigns, type RecallCampaign } from '../../../shared/recalls/recall-types';
import { overviewQuery } from '../overview/overview-filter';
import { RecallCell, recallCellText } from './recall-cell';

describe('the Recalls cell', () => {
  it('counts listed campaigns and flags park-it ones', () => {
    render(<RecallCell summary={{ status: 'found', count: 3, parkCount: 1 }} />);
    expect(screen.getByText(/3 listed/)).toBeTruthy();
    expect(screen.getByText('Park it')).toBeTruthy();
  });

  it('never words a status as "safe" or "no recalls" without saying who reported it', () => {
    for (const status of RECALL_STATUSES) {
      const text = recallCellText({ status, count: 0, parkCount: 0 });
      expect(text).not.toMatch(/safe|clear|ok\b/i);
      if (status !== 'found') expect(text).toBe(RECALL_STATUS_LABELS[status]);
    }
    expect(RECALL_STATUS_LABELS.none).toBe('No recalls reported');
  });
});

describe('campaign order', () => {
  const c = (n: string, date: string, parkIt = false, parkOutside = false): RecallCampaign => ({
    campaignNumber: n,
    reportReceivedDate: date,
    component: null,
    summary: null,
    consequence: null,
    remedy: null,
    notes: null,
    parkIt,
    parkOutside,
    overTheAirUpdate: false,
  });
  it('puts park-it and park-outside first, then the newest', () => {
    const ordered = orderCampaigns([c('A', '2020-01-01'), c('B', '2019-01-01', false, true), c('C', '2021-01-01'), c('D', '2018-01-01', true)]);
    expect(ordered.map((x) => x.campaignNumber)).toEqual(['B', 'D', 'C', 'A']);
  });
});

describe('overview filters in the table query', () => {
  it('passes only the filters that are set', () => {
    expect(overviewQuery({})).toEqual({});
    expect(overviewQuery({ parkIt: false, recallStatus: 'no-data', gvwrClass: 'Class 8', quality: 'check-digit' })).toEqual({
      recallStatus: 'no-data',
      gvwrClass: 'Class 8',
      quality: 'check-digit',
    });
  });
});
