import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app/context.js';

/**
 * How routes reach the world: a factory, so the server holds no state of its own beyond the
 * AppContext (one per process today; one per account when Tend serves a team).
 */
export type CtxFactory = () => AppContext | Promise<AppContext>;

export interface RouteDeps {
  ctx: CtxFactory;
  /** Team mode: many accounts, each request signed in (docs/decisions/0019-teams.md). */
  team?: boolean;
  /** Team mode: this server sends daily digests (its operator set up a mail server). */
  digests?: boolean;
}

export type ApiScope = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** One resource's routes; registered under `/api` from the list in routes/index.ts. */
export type RouteModule = (app: ApiScope, deps: RouteDeps) => void;
