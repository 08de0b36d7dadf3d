import { deleteUserSessions } from '@relance/db/queries/sessions';
import {
  countOtherActiveAdmins,
  createUser,
  findUserById,
  listUsers,
  updateUser,
} from '@relance/db/queries/users';
import { AppError } from '@relance/domain/errors';
import { z } from 'zod';
import type { AppDeps } from '../../deps';
import type { ApiRegistry } from '../../http/registry';
import { createUserBody, idParams, updateUserBody, userSchema } from './schemas';

export function userRoutes(api: ApiRegistry, deps: AppDeps): void {
  const { db } = deps.database;

  api.add(
    {
      method: 'get',
      path: '/api/users',
      summary: 'List users',
      tag: 'users',
      access: 'users:manage',
      response: z.object({ items: z.array(userSchema) }),
    },
    async () => ({ items: await listUsers(db) }),
  );

  api.add(
    {
      method: 'post',
      path: '/api/users',
      summary: 'Create a user',
      tag: 'users',
      access: 'users:manage',
      body: createUserBody,
      response: userSchema,
      status: 201,
    },
    async ({ body }) => {
      const user = await createUser(db, body);
      if (!user)
        throw new AppError('conflict', 'A user with this email already exists.', [
          { field: 'email', message: 'Already used' },
        ]);
      return user;
    },
  );

  api.add(
    {
      method: 'patch',
      path: '/api/users/:id',
      summary: 'Change a user',
      tag: 'users',
      access: 'users:manage',
      params: idParams,
      body: updateUserBody,
      response: userSchema,
    },
    async ({ params, body }) => {
      const losesAdmin = (body.role !== undefined && body.role !== 'admin') || body.active === false;
      if (losesAdmin && (await countOtherActiveAdmins(db, params.id)) === 0) {
        const current = await findUserById(db, params.id);
        if (current?.role === 'admin' && current.active) {
          throw new AppError(
            'conflict',
            'This is the last active administrator: make someone else admin first.',
            [
              {
                field: body.active === false ? 'active' : 'role',
                message: 'The last administrator must stay',
              },
            ],
          );
        }
      }
      const user = await updateUser(db, params.id, body);
      if (!user) throw AppError.notFound('This user');
      if (body.active === false || body.password !== undefined || body.role !== undefined)
        await deleteUserSessions(db, user.id);
      return user;
    },
  );
}
