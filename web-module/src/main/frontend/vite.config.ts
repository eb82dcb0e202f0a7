/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

// The build writes into the web module's target/, from where Maven packs it into the WAR at "/".
const outDir = fileURLToPath(new URL('../../../target/frontend-dist', import.meta.url));

export default defineConfig({
  plugins: [react()],
  build: {
    outDir,
    emptyOutDir: true,
    assetsDir: 'assets',
    // No inline script: the strict CSP (script-src 'self') would refuse it.
    modulePreload: { polyfill: false },
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
  },
  // `npm run preview` serves the built app with the server's CSP (keep equal to SecurityHeadersFilter), so a CSP
  // problem shows without the Java server.
  preview: {
    headers: {
      'Content-Security-Policy':
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self';" +
        " connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    },
  },
  server: {
    // `npm run dev` against a server started with `mvn -pl ear -am liberty:run` (port 9080).
    proxy: { '/api': 'http://localhost:9080' },
  },
  test: {
    environment: 'jsdom',
    globals: true,
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
    testTimeout: 20_000,
  },
});
