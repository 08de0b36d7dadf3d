import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { AppError } from '@relance/domain/errors';
import { can } from '@relance/domain/permissions';
import { type RequestHandler, Router } from 'express';
import type { AppDeps } from '../../deps';
import { roleOf } from '../../http/principal';

export const QUEUE_DASHBOARD_PATH = '/api/admin/queues';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Only administrators (queues:manage). The dashboard's own requests carry no CSRF token: the session cookie is
 * SameSite=Lax (another site's POST comes without it), and an unsafe request must come from this origin.
 */
const adminOnly: RequestHandler = (req, _res, next) => {
  const principal = req.principal;
  if (!principal) throw new AppError('unauthenticated', 'Log in as an administrator to see the queues.');
  if (!can(roleOf(principal), 'queues:manage'))
    throw new AppError('forbidden', `Your role (${roleOf(principal)}) does not allow this (queues:manage).`);
  const origin = req.get('origin');
  if (UNSAFE.has(req.method) && origin && new URL(origin).host !== req.get('host'))
    throw new AppError('csrf', 'The queue dashboard only takes changes from its own pages.');
  next();
};

/** The BullMQ dashboard (@bull-board) over every queue: imports, indicators, dispatch and the send queues. */
export function queueDashboard(deps: AppDeps): Router {
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(QUEUE_DASHBOARD_PATH);
  const { imports, indicators, dispatch, sends } = deps.queues;
  createBullBoard({
    queues: [imports, indicators, dispatch, ...Object.values(sends)].map((q) => new BullMQAdapter(q)),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'Relance queues' } },
  });
  const router = Router();
  router.use(QUEUE_DASHBOARD_PATH, adminOnly, serverAdapter.getRouter());
  return router;
}
