import { defineConfig } from "vitest/config";

// The app is static files (dist/) served by scripts/webserve with a
// /config.json that names the node's REST and RPC endpoints.
export default defineConfig({
  base: "./",
  build: { outDir: "dist", sourcemap: true, chunkSizeWarningLimit: 2000 },
  test: { include: ["src/**/*.test.ts"] },
});
