import { Module, type DynamicModule, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AuthModule } from './auth/auth.module.js';
import { createLogger, type AppConfig } from '#runtime';
import type { DestinationStream } from 'pino';
import { json } from 'express';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HealthController } from './health/health.controller.js';
import { ProblemFilter } from './http/problem.filter.js';
import { requestLog } from './http/request-log.js';
import { NestLogger } from './logging/nest-logger.js';
import { CommandRoutes } from './metrics/command-routes.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { RequestMetrics } from './metrics/request-metrics.js';
import { applyRateLimits } from './http/rate-limits.js';
import { applySecurityHeaders } from './http/security-headers.js';
import { requestValidationPipe } from './http/validation.js';
import { RequestInputGuard } from './http/request-input.guard.js';
import { RouteTable } from './http/route-table.js';
import { answerMalformedRequestsAsProblems } from './http/malformed-requests.js';
import { ProjectsModule } from './projects/projects.module.js';
import { FundModule } from './fund/fund.module.js';
import { StorageModule } from './storage/storage.module.js';
import { ViewsModule } from './views/views.module.js';
import { VerificationModule } from './verification/verification.module.js';
import { serveWebApp } from './web/web-app.js';

@Module({})
class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CqrsModule.forRoot(),
        MetricsModule.forRoot(config),
        StorageModule.forRoot(config),
        AuthModule.forRoot(config),
        ProjectsModule.forRoot(config),
        FundModule,
        ViewsModule.forRoot(config),
        VerificationModule.forRoot(config),
      ],
      controllers: [HealthController],
    };
  }
}

/** The largest import file the service takes in one request; `npm run import` says so before sending. */
export const IMPORT_BODY_LIMIT = '32mb';

/**
 * Builds the whole HTTP application for a configuration; `main.ts` and the end-to-end tests
 * use the same function, so the tests run exactly what users run.
 */
export async function createApp(config: AppConfig, options: { logger?: false; logDestination?: DestinationStream } = {}): Promise<INestApplication> {
  // One pino logger for Nest's lines and the requests' (README, Operations); tests pass a destination to read them.
  const log = createLogger(options.logger === false ? 'silent' : config.logLevel, { app: 'api' }, options.logDestination);
  const app = await NestFactory.create(AppModule.forRoot(config), { logger: options.logger === false ? false : new NestLogger(log), bodyParser: true });
  app.use(requestLog(log, app.get(RequestMetrics), app.get(CommandRoutes)));
  // Before the body parser and every route: they apply to every answer, errors included.
  applySecurityHeaders(app, { connectTo: config.oidcIssuer === undefined ? [] : [new URL(config.oidcIssuer).origin] });
  applyRateLimits(app, config);
  // A fund's whole project list comes in one request (POST /imports): more than the 100 kB
  // every other body may hold. Parsed here, the global parser leaves it alone. Wrapped, as
  // Nest skips its own JSON parser when it finds one named `jsonParser` already mounted.
  const importParser = json({ limit: IMPORT_BODY_LIMIT });
  app.use('/imports', (request: IncomingMessage, response: ServerResponse, next: (error?: unknown) => void) => importParser(request, response, next));
  // The web application's pages and files, before the API's routes (which never share their paths).
  serveWebApp(app, config);
  app.useGlobalGuards(new RequestInputGuard());
  app.useGlobalPipes(requestValidationPipe());
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Portfolio Ledger')
      .setDescription(
        'Event-sourced portfolio of a development fund. Every change is an event; errors are RFC 9457 problems with a stable `code`.',
      )
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
  app.useGlobalFilters(new ProblemFilter(RouteTable.of(document)));
  answerMalformedRequestsAsProblems(app.getHttpServer());
  return app;
}
