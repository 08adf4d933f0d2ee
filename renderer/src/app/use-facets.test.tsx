import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { App } from './app';
import { installFakeFleet } from './fake-fleet.test-support';

afterEach(cleanup);

// jsdom lays nothing out and has no element scrolling; the fleet table scrolls to its top on load.
const originalScrollTo = Object.getOwnPropertyDescriptor(Element.prototype, 'scrollTo');
beforeAll(() => {
  Object.defineProperty(Element.prototype, 'scrollTo', { value: () => undefined, configurable: true, writable: true });
});
afterAll(() => {
  if (originalScrollTo) Object.defineProperty(Element.prototype, 'scrollTo', originalScrollTo);
  else delete (Element.prototype as { scrollTo?: unknown }).scrollTo;
});

describe('fleet facets', () => {
  it('says in the message area when the filter values could not be read, and Clear all hides it', async () => {
    installFakeFleet({
      'app:info': () => ({ ok: true, value: { name: 'Fleet VIN Lookup', version: '1.0.0', dataDir: '/tmp', databasePath: '/tmp/fleet.db', storage: 'sqlite', logDir: '/tmp/logs', runtime: 'web-harness' } }),
      'vehicles:list': () => ({ ok: true, value: { total: 0, offset: 0, rows: [] } }),
      'vehicles:facets': () => ({ ok: false, error: { code: 'STORAGE_ERROR', message: 'The disk holding fleet.db is full.' } }),
    });
    render(<App />);
    const messages = screen.getByRole('region', { name: 'Messages' });
    const alert = await within(messages).findByText(/The filters could not load/);
    expect(alert.textContent).toContain('STORAGE_ERROR');
    await userEvent.setup().click(within(messages).getByRole('button', { name: 'Clear all' }));
    expect(within(messages).queryByText(/The filters could not load/)).toBeNull();
  });
});
