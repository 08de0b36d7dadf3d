import type { Role } from '@relance/domain/vocabulary';
import type { Db } from './client';
import { createUser } from './queries/users';

/** The demo workspace's logins (demo mode only), one per role. */
export const DEMO_PASSWORD = 'relance-demo';
export const DEMO_USERS: { email: string; name: string; role: Role }[] = [
  { email: 'admin@relance.example', name: 'Camille Admin', role: 'admin' },
  { email: 'manager@relance.example', name: 'Julien Moreau', role: 'manager' },
  { email: 'marketer@relance.example', name: 'Sophie Marchand', role: 'marketer' },
  { email: 'agent@relance.example', name: 'Karim Benali', role: 'telemarketer' },
];

/** Creates the four demo users; existing ones are left as they are. */
export async function createDemoUsers(db: Db): Promise<void> {
  for (const user of DEMO_USERS) await createUser(db, { ...user, password: DEMO_PASSWORD });
}
