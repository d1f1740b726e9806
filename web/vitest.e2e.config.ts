import { defineConfig } from "vitest/config";

// The tests that need a running node (tests/e2e/web_test.go runs them).
export default defineConfig({
  test: { include: ["e2e/**/*.e2e.test.ts"], testTimeout: 300_000 },
});
