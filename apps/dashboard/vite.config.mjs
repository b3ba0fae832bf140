// The dashboard's build: a static bundle in dist/apps/dashboard, served by the gateway at `/`
// (apps/gateway/src/dashboard). No inline scripts or styles, so the gateway's strict CSP holds.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig(({ command }) => {
  // A build is always a production build (React's included), whatever NODE_ENV the calling
  // shell has: test runners set NODE_ENV=test, which would select development code paths.
  if (command === 'build') process.env.NODE_ENV = 'production';
  return config;
});

const config = {
  root: here,
  base: '/',
  build: {
    outDir: fileURLToPath(new URL('../../dist/apps/dashboard', import.meta.url)),
    emptyOutDir: true,
    manifest: true,
    // Inlined assets would be data: URLs; keep them as files.
    assetsInlineLimit: 0,
    target: 'es2022',
    sourcemap: false,
  },
  oxc: { jsx: { runtime: 'automatic' } },
  server: {
    // `npx vite apps/dashboard` during development: GraphQL from a running platform.
    proxy: {
      '/graphql': 'http://127.0.0.1:4000',
      '/dashboard-config.json': 'http://127.0.0.1:4000',
    },
  },
};
