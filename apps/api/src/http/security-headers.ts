import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';

/**
 * Security headers on every answer, errors included (helmet, registered before any route):
 * the API answers JSON only, so its policy lets a browser load nothing and frame nothing.
 * The Swagger UI at /docs is a page with its own scripts, styles and data: images, all from
 * this origin, under helmet's default policy — without upgrade-insecure-requests, which
 * would send its assets to https:// on a service reached over plain http.
 */
export function applySecurityHeaders(app: INestApplication): void {
  (app.getHttpAdapter().getInstance() as { disable(setting: string): void }).disable('x-powered-by');
  const forApi = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
    frameguard: { action: 'deny' },
  });
  const forDocs = helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } });
  app.use((request: Request, response: Response, next: NextFunction) =>
    (isDocs(request.path) ? forDocs : forApi)(request, response, next),
  );
}

function isDocs(path: string): boolean {
  return path === '/docs' || path.startsWith('/docs/');
}
