import type { Role } from '@relance/domain/vocabulary';

/** The demo workspace's logins, all with the same password. */
export const DEMO_PASSWORD = 'relance-demo';

export const DEMO_USERS: readonly { email: string; name: string; role: Role }[] = [
  { email: 'admin@relance.example', name: 'Camille Admin', role: 'admin' },
  { email: 'manager@relance.example', name: 'Julien Moreau', role: 'manager' },
  { email: 'marketer@relance.example', name: 'Sophie Marchand', role: 'marketer' },
  { email: 'agent@relance.example', name: 'Karim Benali', role: 'telemarketer' },
];
