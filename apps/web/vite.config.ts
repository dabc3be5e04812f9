import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { preloadFirstRoutePlugin } from './build/preload-first-route.ts';
import { worldOutlinesPlugin } from './build/world-outlines.ts';

/**
 * The web application (apps/web) is built into dist/web, which the API process serves
 * (apps/api/src/web/web-app.ts): one process, one origin, no CORS. See ADR 0023.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  // What the overview waits for is fetched beside the entry's chunks, not after they ran (build/preload-first-route.ts).
  plugins: [
    worldOutlinesPlugin(),
    preloadFirstRoutePlugin({ modules: ['src/pages/overview/OverviewPage.tsx', 'src/i18n/locales/en/bundle.ts'], assets: ['world-outlines.json'] }),
  ],
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    // Hashed names under /assets: served with a year's cache, index.html never cached.
    assetsDir: 'assets',
    sourcemap: true,
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      // React Query marks its modules "use client" for server-component bundlers; meaningless here.
      onLog(level, log, handler) {
        if (log.code === 'MODULE_LEVEL_DIRECTIVE') return;
        handler(level, log);
      },
    },
  },
  server: {
    // `npx vite --config apps/web/vite.config.ts` while `npm start` runs: the pages reload
    // as they are edited and every API path goes to the service on :3000.
    proxy: Object.fromEntries(
      ['/portfolio', '/funding', '/projects', '/code-lists', '/iati', '/auth', '/approval-queue', '/audit-trail', '/health', '/verification'].map((path) => [path, 'http://localhost:3000']),
    ),
  },
});
