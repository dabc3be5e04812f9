import { ConsoleLogger, Module, type DynamicModule, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AuthModule } from './auth/auth.module.js';
import type { AppConfig } from '#runtime';
import { HealthController } from './health/health.controller.js';
import { ProblemFilter } from './http/problem.filter.js';
import { applyRateLimits } from './http/rate-limits.js';
import { applySecurityHeaders } from './http/security-headers.js';
import { requestValidationPipe } from './http/validation.js';
import { ProjectsModule } from './projects/projects.module.js';
import { FundModule } from './fund/fund.module.js';
import { StorageModule } from './storage/storage.module.js';
import { ViewsModule } from './views/views.module.js';

@Module({})
class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CqrsModule.forRoot(),
        StorageModule.forRoot(config),
        AuthModule.forRoot(config),
        ProjectsModule.forRoot(config),
        FundModule,
        ViewsModule.forRoot(config),
      ],
      controllers: [HealthController],
    };
  }
}

/**
 * Builds the whole HTTP application for a configuration; `main.ts` and the end-to-end tests
 * use the same function, so the tests run exactly what users run.
 */
export async function createApp(config: AppConfig, options: { logger?: false } = {}): Promise<INestApplication> {
  const logger = options.logger === false ? false : new ConsoleLogger({ json: true, logLevels: levelsFrom(config.logLevel) });
  const app = await NestFactory.create(AppModule.forRoot(config), { logger, bodyParser: true });
  // Both before the body parser and every route: they apply to every answer, errors included.
  applySecurityHeaders(app);
  applyRateLimits(app, config);
  app.useGlobalPipes(requestValidationPipe());
  app.useGlobalFilters(new ProblemFilter());
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
  return app;
}

const ORDER = ['error', 'warn', 'log', 'debug', 'verbose'] as const;

function levelsFrom(level: AppConfig['logLevel']) {
  return ORDER.slice(0, ORDER.indexOf(level) + 1) as Array<(typeof ORDER)[number]>;
}
