import type { OpenAPIObject } from '@nestjs/swagger';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

/**
 * The routes the API serves, from its own OpenAPI document (one source for both), so that a
 * request to a known path with a method it does not take is answered 405 with `Allow`,
 * not 404 as Express would.
 */
export class RouteTable {
  private constructor(private readonly routes: ReadonlyArray<{ pattern: RegExp; methods: string[] }>) {}

  static of(document: Pick<OpenAPIObject, 'paths'>): RouteTable {
    return new RouteTable(
      Object.entries(document.paths).map(([path, item]) => ({
        pattern: new RegExp(`^${path.split(/\{[^}]+\}/).map(escape).join('[^/]+')}/?$`),
        methods: METHODS.filter((method) => item[method] !== undefined).map((method) => method.toUpperCase()),
      })),
    );
  }

  /** The methods the path takes (with HEAD wherever GET is), or none for an unknown path. */
  methodsOf(path: string): string[] {
    const methods = new Set(this.routes.filter((route) => route.pattern.test(path)).flatMap((route) => route.methods));
    if (methods.has('GET')) methods.add('HEAD');
    return [...methods].sort();
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
