import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/unit/**/*.test.tsx'],
    setupFiles: ['tests/unit/setup.ts'],
    // Threads start faster than processes, and one per core (Vitest leaves one core free by default).
    pool: 'threads',
    maxWorkers: '100%',
  },
});
