import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { vehicleListQuerySchema } from '../../../shared/vehicles/vehicle-query';
import { ColumnFilter } from './column-filters';
import { FleetFilters } from './fleet-filters';
import { buildListQuery, type FleetFilter } from './use-fleet-query';

afterEach(cleanup);

describe('fleet filters: check digit wrong and decoded offline', () => {
  it('turns "Check digit wrong" on and off in the filter', () => {
    const onChange = vi.fn<(filter: FleetFilter) => void>();
    const { rerender } = render(<FleetFilters filter={{}} onChange={onChange} facets={null} />);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Check digit wrong' }));
    expect(onChange).toHaveBeenLastCalledWith({ checkDigitWrong: true });

    rerender(<FleetFilters filter={{ checkDigitWrong: true }} onChange={onChange} facets={null} />);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Check digit wrong' }));
    expect(onChange).toHaveBeenLastCalledWith({});
  });

  it('offers the offline source filter in the source column', () => {
    const onChange = vi.fn<(filter: FleetFilter) => void>();
    render(<ColumnFilter columnId="source" label="Source" filter={{}} onChange={onChange} facets={null} />);
    const source = screen.getByRole('combobox', { name: 'Filter by source' });
    expect(screen.getByRole('option', { name: 'Decoded offline' })).toBeTruthy();
    fireEvent.change(source, { target: { value: 'offline' } });
    expect(onChange).toHaveBeenLastCalledWith({ source: 'offline' });
  });

  it('sends the check-digit filter in a query main accepts', () => {
    const query = buildListQuery({ checkDigitWrong: true, source: 'offline' }, null);
    expect(vehicleListQuerySchema.parse(query)).toMatchObject({ checkDigitWrong: true, source: 'offline' });
    expect(buildListQuery({}, null)).not.toHaveProperty('checkDigitWrong');
  });
});
