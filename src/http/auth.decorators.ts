import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Role } from '../shared/actor.js';
import type { Principal } from '../kernel/principal.js';

/**
 * Every route declares its access policy here, in one place the guard reads: `@Public()` or `@Allow(...roles)`.
 * A route with neither is refused (deny by default).
 */
export const ACCESS_POLICY = 'egrants:access-policy';
export type AccessPolicy = { readonly kind: 'public' } | { readonly kind: 'roles'; readonly roles: readonly Role[] };

export const Public = () => SetMetadata(ACCESS_POLICY, { kind: 'public' } satisfies AccessPolicy);
export const Allow = (...roles: Role[]) => SetMetadata(ACCESS_POLICY, { kind: 'roles', roles } satisfies AccessPolicy);

/** Routes a user whose password has expired may still call (to change it, to see who they are, to log out). */
export const ALLOWED_WITH_EXPIRED_PASSWORD = 'egrants:allowed-with-expired-password';
export const AllowedWithExpiredPassword = () => SetMetadata(ALLOWED_WITH_EXPIRED_PASSWORD, true);

export interface AuthenticatedRequest {
  principal?: Principal;
  correlationId?: string;
  commandId?: string;
  /** When the request arrived, by the service's clock: the `now` of its commands. */
  receivedAt?: Date;
}

export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new Error('CurrentPrincipal used on a public route');
  return principal;
});
