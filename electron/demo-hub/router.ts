/**
 * Route templates to handlers. The template doubles as the stats key, so counts read like the API
 * reference (`POST /api/v2/partners/:pid/channels/:chid/api_keys`) whatever ids were used.
 */
import type { RouteHandler } from './hub-context';

export interface RouteDef {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  template: string;
  /** partner: X-API-Key or Bearer; channel: D360-API-KEY (checked by the handler); none: /token. */
  auth: 'partner' | 'channel' | 'none';
  handler: RouteHandler;
}

interface CompiledRoute extends RouteDef {
  regex: RegExp;
  names: string[];
}

export type RouteMatch =
  | { kind: 'route'; route: RouteDef; params: Record<string, string> }
  | { kind: 'method-not-allowed'; template: string; allowed: string[] }
  | { kind: 'none' };

function compile(def: RouteDef): CompiledRoute {
  const names: string[] = [];
  const pattern = def.template
    .split('/')
    .map((part) => {
      if (!part.startsWith(':')) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(part.slice(1));
      return '([^/]+)';
    })
    .join('/');
  return { ...def, names, regex: new RegExp(`^${pattern}/?$`) };
}

export class Router {
  private readonly routes: CompiledRoute[];

  constructor(defs: readonly RouteDef[]) {
    this.routes = defs.map(compile);
  }

  match(method: string, path: string): RouteMatch {
    const allowed: string[] = [];
    let template = '';
    for (const route of this.routes) {
      const found = route.regex.exec(path);
      if (!found) continue;
      if (route.method !== method) {
        allowed.push(route.method);
        template = route.template;
        continue;
      }
      const params: Record<string, string> = {};
      route.names.forEach((name, i) => {
        const raw = found[i + 1] ?? '';
        try {
          params[name] = decodeURIComponent(raw);
        } catch {
          params[name] = raw;
        }
      });
      return { kind: 'route', route, params };
    }
    return allowed.length > 0 ? { kind: 'method-not-allowed', template, allowed } : { kind: 'none' };
  }
}
