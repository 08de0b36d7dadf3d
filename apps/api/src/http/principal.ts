import type { Role } from '@relance/domain/vocabulary';

/** Who is calling: a logged-in user (cookie session) or an integration (API key). */
export type Principal =
  | {
      kind: 'user';
      user: { id: string; email: string; name: string; role: Role };
      csrfToken: string;
      sessionHash: string;
    }
  | { kind: 'api-key'; apiKey: { id: string; name: string; role: Role } };

export function roleOf(principal: Principal): Role {
  switch (principal.kind) {
    case 'user':
      return principal.user.role;
    case 'api-key':
      return principal.apiKey.role;
    default: {
      const never: never = principal;
      return never;
    }
  }
}

export function actorId(principal: Principal): string | null {
  return principal.kind === 'user' ? principal.user.id : null;
}

declare global {
  namespace Express {
    interface Request {
      principal?: Principal;
    }
  }
}
