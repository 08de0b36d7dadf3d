import { segmentFieldSpecs } from '@relance/db/queries/segment-fields';
import {
  countSegment,
  countSegmentWithReach,
  createSegment,
  deleteSegment,
  getSegment,
  listSegments,
  previewSegment,
  replaceSegment,
} from '@relance/db/queries/segments';
import { AppError } from '@relance/domain/errors';
import { operatorsOf } from '@relance/domain/segments/fields';
import { MAX_DEPTH, MAX_LIST_VALUES, MAX_RULES, OPERATORS_BY_TYPE } from '@relance/domain/segments/operators';
import { z } from 'zod';
import type { AppDeps } from '../../deps';
import { actorId } from '../../http/principal';
import type { ApiRegistry } from '../../http/registry';
import {
  countAnswer,
  countBody,
  definitionBody,
  fieldsAnswer,
  idParams,
  previewAnswer,
  replaceBody,
  segmentAnswer,
  segmentBody,
} from './schemas';

export function segmentRoutes(api: ApiRegistry, deps: AppDeps): void {
  const { db } = deps.database;
  const find = async (id: string) => {
    const segment = await getSegment(db, id);
    if (!segment) throw AppError.notFound('This segment');
    return segment;
  };

  api.add(
    {
      method: 'get',
      path: '/api/segments/fields',
      summary: 'The fields a segment rule may use, with their type, operators and choices',
      tag: 'segments',
      access: 'segments:read',
      response: fieldsAnswer,
    },
    () => ({
      items: segmentFieldSpecs().map((f) => ({ ...f, operators: [...operatorsOf(f, OPERATORS_BY_TYPE)] })),
      limits: { maxListValues: MAX_LIST_VALUES, maxDepth: MAX_DEPTH, maxRules: MAX_RULES },
    }),
  );

  api.add(
    {
      method: 'post',
      path: '/api/segments/count',
      summary:
        'How many contacts a segment holds now, and how many each channel can reach (the builder calls it live)',
      tag: 'segments',
      access: 'segments:read',
      body: countBody,
      response: countAnswer,
    },
    async ({ body }) =>
      body.reach
        ? countSegmentWithReach(db, body.definition)
        : { count: await countSegment(db, body.definition), reachable: null },
  );

  api.add(
    {
      method: 'post',
      path: '/api/segments/preview',
      summary: 'The first 50 contacts of a segment, by name',
      tag: 'segments',
      access: 'segments:read',
      body: definitionBody,
      response: previewAnswer,
    },
    async ({ body }) => ({ items: await previewSegment(db, body.definition) }),
  );

  api.add(
    {
      method: 'get',
      path: '/api/segments',
      summary: 'Saved segments, most recently changed first',
      tag: 'segments',
      access: 'segments:read',
      response: z.object({ items: z.array(segmentAnswer) }),
    },
    async () => ({ items: await listSegments(db) }),
  );

  api.add(
    {
      method: 'post',
      path: '/api/segments',
      summary: 'Save a segment (its rules are checked as for a count)',
      tag: 'segments',
      access: 'segments:write',
      body: segmentBody,
      response: segmentAnswer,
      status: 201,
    },
    ({ body, principal }) => createSegment(db, { ...body, ownerId: actorId(principal) }),
  );

  api.add(
    {
      method: 'get',
      path: '/api/segments/:id',
      summary: 'A saved segment and its rules',
      tag: 'segments',
      access: 'segments:read',
      params: idParams,
      response: segmentAnswer,
    },
    ({ params }) => find(params.id),
  );

  api.add(
    {
      method: 'get',
      path: '/api/segments/:id/count',
      summary: 'How many contacts a saved segment holds now, and how many each channel can reach',
      tag: 'segments',
      access: 'segments:read',
      params: idParams,
      response: countAnswer,
    },
    async ({ params }) => countSegmentWithReach(db, (await find(params.id)).definition),
  );

  api.add(
    {
      method: 'put',
      path: '/api/segments/:id',
      summary:
        "Replace a segment's name and rules (send the version you loaded: 409 if someone saved in between)",
      tag: 'segments',
      access: 'segments:write',
      params: idParams,
      body: replaceBody,
      response: segmentAnswer,
    },
    ({ params, body }) => {
      const { version, ...input } = body;
      return replaceSegment(db, params.id, input, version);
    },
  );

  api.add(
    {
      method: 'delete',
      path: '/api/segments/:id',
      summary: 'Delete a segment no campaign uses as its audience',
      tag: 'segments',
      access: 'segments:write',
      params: idParams,
    },
    async ({ params }) => {
      await deleteSegment(db, params.id);
    },
  );
}
