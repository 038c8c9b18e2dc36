import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Some tests run the CLI over every fixture several times: generous on a loaded 2-core machine.
    testTimeout: 180_000,
    // No validator cache unless a test asks for one (test/disk-cache.test.ts): results must not
    // depend on what an earlier run left in ~/.cache.
    env: { KUBE_LINT_CACHE_DIR: 'off' },
    coverage: { provider: 'v8', include: ['src/**', 'rules/**'], reporter: ['text-summary'] },
  },
});
