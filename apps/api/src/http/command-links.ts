import { Injectable } from '@nestjs/common';
import { CommandRoutes } from '../metrics/command-routes.js';

/** Where to send a command: its name, the HTTP method and the path, parameters filled in. */
export interface CommandLink {
  command: string;
  method: string;
  path: string;
}

/**
 * Links to the commands the API tells a client it may send (the project card, the approval
 * queue), built from the routes the controllers declare with `@SendsCommand`.
 */
@Injectable()
export class CommandLinks {
  constructor(private readonly routes: CommandRoutes) {}

  /** `params` fill the route's `:name` parts; a route naming a parameter not given is a programming error. */
  linkTo(command: string, params: Readonly<Record<string, string>>): CommandLink {
    const route = this.routes.routeOf(command);
    if (route === undefined) throw new Error(`no endpoint sends ${command}`);
    const path = route.pattern.replace(/:([A-Za-z]+)/g, (_, name: string) => {
      const value = params[name];
      if (value === undefined) throw new Error(`${command}: ${route.pattern} needs ${name}`);
      return encodeURIComponent(value);
    });
    return { command, method: route.method, path };
  }
}
