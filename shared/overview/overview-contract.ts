/** The fleet overview domain of the IPC contract. */
import { z } from 'zod';
import type { FleetOverview } from './fleet-overview';

export const overviewRequestSchemas = {
  /** Counts of the whole fleet by make, year, body class, type, GVWR class, source, quality and recall status. */
  'fleet:overview': z.object({}).strict(),
} as const;

export interface OverviewInvokeContract {
  'fleet:overview': FleetOverview;
}
