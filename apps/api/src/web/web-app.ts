import type { INestApplication } from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from '#runtime';
import { problem } from '../http/problem.js';

/**
 * The paths of the web application's pages (apps/web/src/app/routes.tsx). A GET of any of
 * them answers index.html and the page's router takes over, so a deep link or a reload
 * opens the same page. Everything else is the API's: its paths (/portfolio, /projects/…,
 * /funding/…) answer JSON as the README says, whatever the browser asks for.
 */
export const PAGE_PREFIXES = ['/portal', '/sign-in', '/workbench', '/explorer'] as const;

export function isPagePath(path: string): boolean {
  return path === '/' || PAGE_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}

/** The built files: hashed names under /assets (never change), and the few at the top. */
export function isWebAssetPath(path: string): boolean {
  return path.startsWith('/assets/') || path === '/favicon.svg';
}

/**
 * Serves the built web application (dist/web, WEB_DIR) from the API process: one origin
 * for pages and API, so the session cookie is first-party and no CORS is needed (ADR 0023).
 */
export function serveWebApp(app: INestApplication, config: Pick<AppConfig, 'webDir'>): void {
  const index = join(config.webDir, 'index.html');
  const assets = express.static(config.webDir, {
    index: false,
    fallthrough: false,
    // Hashed file names: a new build has new names, so a year's cache is safe.
    setHeaders: (response, path) => {
      response.setHeader('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'public, max-age=3600');
    },
  });
  app.use((request: Request, response: Response, next: NextFunction) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return next();
    if (isWebAssetPath(request.path)) {
      if (!existsSync(index)) return notBuilt(response);
      return assets(request, response, (error?: unknown) => {
        // A missing asset (an old page asking for a file of an earlier build): a plain 404 problem.
        if (error) return response.status(404).type('application/problem+json').json(problem(404, 'web.not-found', `no file ${request.path} in this build of the web application`));
        next();
      });
    }
    if (!isPagePath(request.path)) return next();
    if (!existsSync(index)) return notBuilt(response);
    // Never cached: it names the assets of the build now served.
    response.setHeader('cache-control', 'no-cache');
    response.sendFile(index);
  });
}

function notBuilt(response: Response): void {
  response
    .status(503)
    .type('application/problem+json')
    .json(problem(503, 'web.not-built', 'the web application is not built: run npm run build (npm start does it), or set WEB_DIR to a built copy'));
}
