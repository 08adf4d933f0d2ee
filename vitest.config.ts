/**
 * Unit and component tests. Node environment for electron/, shared/, testing/ and bench/;
 * jsdom for React components under renderer/.
 */
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [react()],
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['electron/**/*.test.ts', 'shared/**/*.test.ts', 'testing/**/*.test.ts', 'bench/**/*.test.ts'],
          testTimeout: 20_000,
          hookTimeout: 60_000,
          // One throwaway PostgreSQL server for the run (skipped, with a printed reason, where
          // PostgreSQL is not installed); each PostgreSQL test file makes its own database on it.
          globalSetup: ['testing/postgres-global-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'dom',
          environment: 'jsdom',
          include: ['renderer/**/*.test.ts', 'renderer/**/*.test.tsx'],
          testTimeout: 20_000,
        },
      },
    ],
  },
});
