import { AppError } from '@relance/domain/errors';
import { can, type Permission } from '@relance/domain/permissions';
import { type Request, type Response, Router } from 'express';
import type { z } from 'zod';
import { type Principal, roleOf } from './principal';
import { fieldErrorsOf } from './zod-errors';

export type Access = 'public' | 'authenticated' | Permission;
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Schema = z.ZodType;
type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

/** What a route answers besides JSON, for the OpenAPI document. */
export type RawResponse = { contentType: string; description: string };

export interface RouteSpec<B, Q, P> {
  method: Method;
  /** express-style path, e.g. /api/contacts/:id */
  path: string;
  summary: string;
  tag: string;
  access: Access;
  body?: B;
  query?: Q;
  params?: P;
  /** a multipart body: field name → description */
  multipart?: Record<string, string>;
  response?: Schema | RawResponse;
  status?: number;
}

export interface HandlerInput<B, Q, P> {
  body: Out<B>;
  query: Out<Q>;
  params: Out<P>;
  /** set on every route but public ones */
  principal: Principal;
  req: Request;
  res: Response;
}

const UNSAFE = new Set(['post', 'put', 'patch', 'delete']);

function parse<S>(schema: S | undefined, value: unknown, where: string): Out<S> {
  if (!schema) return undefined as Out<S>;
  const result = (schema as unknown as z.ZodType).safeParse(value);
  if (!result.success) {
    throw AppError.validation(
      `Some ${where} fields are invalid: fix them and try again.`,
      fieldErrorsOf(result.error),
    );
  }
  return result.data as Out<S>;
}

function authorise(spec: RouteSpec<unknown, unknown, unknown>, req: Request): void {
  if (spec.access === 'public') return;
  const principal = req.principal;
  if (!principal) throw new AppError('unauthenticated', 'Log in, or send an API key as a Bearer token.');
  if (
    principal.kind === 'user' &&
    UNSAFE.has(spec.method) &&
    req.get('x-csrf-token') !== principal.csrfToken
  ) {
    throw new AppError('csrf', 'Send the X-CSRF-Token header given at login (or by GET /api/auth/me).');
  }
  if (spec.access !== 'authenticated' && !can(roleOf(principal), spec.access)) {
    throw new AppError('forbidden', `Your role (${roleOf(principal)}) does not allow this (${spec.access}).`);
  }
}

/**
 * Routes declared once: the declaration validates requests (zod), enforces the permission and CSRF rules,
 * and is what the OpenAPI document is generated from.
 */
export class ApiRegistry {
  readonly router = Router();
  readonly routes: RouteSpec<unknown, unknown, unknown>[] = [];

  add<B extends Schema | undefined, Q extends Schema | undefined, P extends Schema | undefined>(
    spec: RouteSpec<B, Q, P>,
    handler: (input: HandlerInput<B, Q, P>) => Promise<unknown> | unknown,
  ): void {
    this.routes.push(spec as RouteSpec<unknown, unknown, unknown>);
    this.router[spec.method](spec.path, async (req, res) => {
      authorise(spec as RouteSpec<unknown, unknown, unknown>, req);
      const input: HandlerInput<B, Q, P> = {
        params: parse(spec.params, req.params, 'path'),
        query: parse(spec.query, req.query, 'query'),
        body: spec.multipart ? (undefined as Out<B>) : parse(spec.body, req.body ?? {}, 'body'),
        principal: req.principal as Principal,
        req,
        res,
      };
      const result = await handler(input);
      if (res.headersSent || res.writableEnded) return;
      // a handler may have set another status (e.g. 503 from the health check): keep it
      if (res.statusCode === 200) res.status(spec.status ?? (result === undefined ? 204 : 200));
      if (result === undefined) res.end();
      else res.json(result);
    });
  }
}
