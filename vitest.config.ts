import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Some tests run the CLI over every fixture several times: generous on a loaded 2-core machine.
    testTimeout: 180_000,
    coverage: { provider: 'v8', include: ['src/**', 'rules/**'], reporter: ['text-summary'] },
  },
});
