import { Injectable } from '@nestjs/common';
import { PATH_METADATA, METHOD_METADATA } from '@nestjs/common/constants.js';
import { RequestMethod } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { SENT_COMMAND } from '../auth/access.decorators.js';

/**
 * Which command each route sends (from `@SendsCommand`), keyed by method and route pattern,
 * so the request's end can count a command even when it was refused before its handler ran
 * (a missing token, a role not allowed, an invalid body).
 */
@Injectable()
export class CommandRoutes {
  private byRoute: Map<string, string> | undefined;
  private byCommand: Map<string, { method: string; pattern: string }> | undefined;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  /** The command a request to `route` (an Express route pattern) sends, if any. */
  commandOf(method: string, route: string): string | undefined {
    this.byRoute ??= this.scan();
    return this.byRoute.get(`${method} ${normalised(route)}`);
  }

  /**
   * The method and route pattern (`/projects/:projectId/endorse`) of the endpoint that
   * sends `command`, as its controller declares it, so that what the API tells a client to
   * send can never drift from where it is served.
   */
  routeOf(command: string): { method: string; pattern: string } | undefined {
    this.byRoute ??= this.scan();
    this.byCommand ??= new Map([...this.byRoute].map(([route, sent]) => {
      const [method, pattern] = route.split(' ') as [string, string];
      return [sent, { method, pattern }];
    }));
    return this.byCommand.get(command);
  }

  private scan(): Map<string, string> {
    const routes = new Map<string, string>();
    for (const { instance, metatype } of this.discovery.getControllers()) {
      if (!instance || !metatype) continue;
      const prototype = Object.getPrototypeOf(instance) as Record<string, (...args: unknown[]) => unknown>;
      for (const name of this.scanner.getAllMethodNames(prototype)) {
        const handler = prototype[name]!;
        const command = this.reflector.get<string | undefined>(SENT_COMMAND, handler);
        if (command === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
        for (const base of [Reflect.getMetadata(PATH_METADATA, metatype) as string | string[]].flat()) {
          for (const path of [Reflect.getMetadata(PATH_METADATA, handler) as string | string[]].flat()) {
            routes.set(`${method} ${normalised(`${base ?? ''}/${path ?? ''}`)}`, command);
          }
        }
      }
    }
    return routes;
  }
}

function normalised(route: string): string {
  return `/${route.split('/').filter(Boolean).join('/')}`;
}
