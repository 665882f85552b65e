import { defineConfig } from '@playwright/test';
export default defineConfig({ testDir: '.', testMatch: '_tmp_profile.spec.ts', workers: 1, timeout: 900_000, reporter: [['list']] });
