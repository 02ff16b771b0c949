// Vite builds the dashboard into dist/ (or $VITRINE_WEB_OUT, which the CMake build sets);
// vitest runs the component tests in jsdom. `npm run dev` serves on :5173 and forwards the
// API to a `vitrine serve` on :8080.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: process.env['VITRINE_WEB_OUT'] ?? 'dist',
    emptyOutDir: true,
    target: 'es2022',
    assetsInlineLimit: 0, // the CSP allows img-src data:, but files cache better
    reportCompressedSize: false, // scripts/check-size.mjs measures what counts
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    restoreMocks: true,
    testTimeout: 30_000, // a bound for a hung test, above the 10 s waits in src/test/setup.ts
  },
});
