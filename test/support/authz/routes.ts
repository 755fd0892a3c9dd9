/**
 * Every route of the running application with its declared access policy, read the way the guard reads it.
 *
 * Two sources, cross-checked: the Nest controllers (path, method and the `@Public()` / `@Allow(...)` metadata of
 * src/http/auth.decorators.ts, method-level overriding class-level exactly as AuthGuard's `getAllAndOverride`), and
 * the HTTP server's own route table (Fastify's `printRoutes`), so that a route registered beside the controllers
 * (a plugin, Swagger's documents) is not missed.
 */
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ACCESS_POLICY, type AccessPolicy } from '../../../src/http/auth.decorators.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS' | 'HEAD' | 'SEARCH' | 'QUERY';

export interface DiscoveredRoute {
  /** "METHOD /full/path", the matrix's key, e.g. "POST /api/v1/citizens/:id/status". */
  readonly key: string;
  readonly method: Method;
  readonly path: string;
  /** Where the route comes from: "Controller.method", or the declaration of a route outside the controllers. */
  readonly source: string;
  /** undefined: the route declares no policy (the guard refuses it, and the matrix fails naming it). */
  readonly policy: AccessPolicy | undefined;
}

export const routeKey = (method: string, path: string): string => `${method} ${path}`;

const joinPath = (...parts: string[]): string =>
  `/${parts
    .flatMap((part) => part.split('/'))
    .filter(Boolean)
    .join('/')}`;

const asArray = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : [String(value ?? '')]);

/** Controller routes, before the global prefix: `{ method, path (unprefixed), source, policy }`. */
export function controllerRoutes(app: NestFastifyApplication): Array<Omit<DiscoveredRoute, 'key'>> {
  const discovery = new DiscoveryService(app.get(ModulesContainer, { strict: false }));
  const scanner = new MetadataScanner();
  const reflector = new Reflector();
  const routes: Array<Omit<DiscoveredRoute, 'key'>> = [];
  for (const wrapper of discovery.getControllers()) {
    const controller = wrapper.metatype as (new (...args: never[]) => object) | undefined;
    if (!controller?.prototype) continue;
    const controllerPaths = asArray(Reflect.getMetadata(PATH_METADATA, controller));
    for (const name of scanner.getAllMethodNames(controller.prototype)) {
      const handler = (controller.prototype as Record<string, unknown>)[name];
      if (typeof handler !== 'function') continue;
      const requestMethod: RequestMethod | undefined = Reflect.getMetadata(METHOD_METADATA, handler);
      if (requestMethod === undefined) continue;
      const methodPaths = asArray(Reflect.getMetadata(PATH_METADATA, handler));
      // The guard's own lookup: the handler's metadata wins over the class's.
      const policy = reflector.getAllAndOverride<AccessPolicy | undefined>(ACCESS_POLICY, [handler as () => unknown, controller]);
      const method = RequestMethod[requestMethod] as Method;
      for (const controllerPath of controllerPaths) {
        for (const methodPath of methodPaths) {
          routes.push({ method, path: joinPath(controllerPath, methodPath), source: `${controller.name}.${name}`, policy });
        }
      }
    }
  }
  return routes;
}

/**
 * The HTTP server's route table, from `printRoutes({ commonPrefix: false })`: a tree whose every node is a
 * route, each line the path suffix below its parent and the methods in brackets. Each route parsed is confirmed
 * with `hasRoute`, so a misread tree fails loudly instead of hiding a route.
 */
export function serverRoutes(app: NestFastifyApplication): Array<{ method: Method; path: string }> {
  const fastify = app.getHttpAdapter().getInstance();
  const tree = fastify.printRoutes({ commonPrefix: false });
  const stack: string[] = [];
  const routes: Array<{ method: Method; path: string }> = [];
  for (const line of tree.split('\n')) {
    if (line.trim() === '') continue;
    const match = /^((?:[│ ] {3})*)[├└]── (\S+?)(?: \(([A-Z, ]+)\))?$/u.exec(line);
    if (!match) throw new Error(`unreadable line in the server's route table: ${JSON.stringify(line)}`);
    const depth = [...match[1]!].length / 4;
    stack.length = depth;
    const path = `${stack.join('')}${match[2]!}`;
    stack.push(match[2]!);
    for (const method of (match[3] ?? '').split(',').map((value) => value.trim()).filter(Boolean)) {
      if (!fastify.hasRoute({ method: method as never, url: path })) throw new Error(`route table misread: ${method} ${path} is not a route`);
      routes.push({ method: method as Method, path });
    }
  }
  return routes;
}

/** A route the server has but no controller declares, with the policy this test declares for it and why. */
export interface OutsideRoute {
  readonly policy: AccessPolicy;
  readonly why: string;
}

export interface RouteInventory {
  readonly routes: DiscoveredRoute[];
  /** Everything wrong with the inventory itself: unmatched routes, routes without a policy. */
  readonly problems: string[];
}

/**
 * Joins both sources. A controller route's full path is the one the server really serves: with the global
 * prefix, or without it where the application excludes it (health, metrics); exactly one must exist. A GET's
 * HEAD twin (Fastify's `exposeHeadRoutes`) is the same handler and is not listed separately. Every server route
 * must be a controller route or be declared in `outside`.
 */
export function inventory(app: NestFastifyApplication, prefix: string, outside: Readonly<Record<string, OutsideRoute>>): RouteInventory {
  const server = serverRoutes(app);
  const serverKeys = new Set(server.map(({ method, path }) => routeKey(method, path)));
  const problems: string[] = [];
  const routes: DiscoveredRoute[] = [];
  for (const route of controllerRoutes(app)) {
    const candidates = [joinPath(prefix, route.path), route.path].filter((path) => serverKeys.has(routeKey(route.method, path)));
    if (candidates.length !== 1) {
      problems.push(`${route.method} ${route.path} (${route.source}): ${candidates.length === 0 ? 'not served by the HTTP server' : `ambiguous: ${candidates.join(', ')}`}`);
      continue;
    }
    routes.push({ ...route, path: candidates[0]!, key: routeKey(route.method, candidates[0]!) });
  }
  const known = new Set(routes.map((route) => route.key));
  const gets = new Set(server.filter((route) => route.method === 'GET').map((route) => route.path));
  for (const { method, path } of server) {
    const key = routeKey(method, path);
    if (known.has(key) || (method === 'HEAD' && gets.has(path))) continue;
    const declared = outside[key];
    if (declared) {
      routes.push({ key, method, path, source: `outside the controllers: ${declared.why}`, policy: declared.policy });
      known.add(key);
    } else {
      routes.push({ key, method, path, source: 'outside the controllers, undeclared', policy: undefined });
      known.add(key);
    }
  }
  for (const key of Object.keys(outside)) {
    if (!known.has(key)) problems.push(`${key}: declared as a route outside the controllers, but the server has no such route`);
  }
  for (const route of routes) {
    if (!route.policy) problems.push(`${route.key} (${route.source}): declares no access policy (@Public() or @Allow(...roles))`);
  }
  routes.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
  return { routes, problems };
}
