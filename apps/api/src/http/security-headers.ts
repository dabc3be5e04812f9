import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { isPagePath, isWebAssetPath } from '../web/web-app.js';

/**
 * Security headers on every answer, errors included (helmet, registered before any route):
 * the API answers JSON only, so its policy lets a browser load nothing and frame nothing.
 * The Swagger UI at /docs is a page with its own scripts, styles and data: images, all from
 * this origin, under helmet's default policy — without upgrade-insecure-requests, which
 * would send its assets to https:// on a service reached over plain http. The web
 * application's pages (apps/web) load scripts, styles and images from this origin only and
 * talk to this origin only — and, when it signs in with an OpenID Connect provider, to the
 * provider's token endpoint (`connectTo`).
 */
export function applySecurityHeaders(app: INestApplication, options: { connectTo?: readonly string[] } = {}): void {
  (app.getHttpAdapter().getInstance() as { disable(setting: string): void }).disable('x-powered-by');
  const forApi = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
    frameguard: { action: 'deny' },
  });
  const forDocs = helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } });
  const forPages = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'", ...(options.connectTo ?? [])],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
  });
  app.use((request: Request, response: Response, next: NextFunction) => {
    const policy = isDocs(request.path) ? forDocs : isPagePath(request.path) || isWebAssetPath(request.path) ? forPages : forApi;
    return policy(request, response, next);
  });
}

function isDocs(path: string): boolean {
  return path === '/docs' || path.startsWith('/docs/');
}
