import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError, forbidden } from '../shared/domain-error.js';
import { SESSION_RESOLVER, type SessionResolver } from '../kernel/session-resolver.port.js';
import { ACCESS_POLICY, ALLOWED_WITH_EXPIRED_PASSWORD, type AccessPolicy, type AuthenticatedRequest } from './auth.decorators.js';

const unauthenticated = () => new DomainError('unauthenticated', 'UNAUTHENTICATED', 'A valid session is required');

/** The one place that turns a bearer token into a principal and checks the route's role policy. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(SESSION_RESOLVER) private readonly sessions: SessionResolver,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const policy = this.reflector.getAllAndOverride<AccessPolicy | undefined>(ACCESS_POLICY, targets);
    if (policy?.kind === 'public') return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest & { headers: Record<string, string | undefined> }>();
    const match = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(request.headers.authorization ?? '');
    if (!match) throw unauthenticated();
    const principal = await this.sessions.resolve(match[1]!);
    if (!principal) throw unauthenticated();
    request.principal = principal;

    if (!policy) throw forbidden('FORBIDDEN', 'This route has no access policy');
    if (principal.mustChangePassword && !this.reflector.getAllAndOverride<boolean>(ALLOWED_WITH_EXPIRED_PASSWORD, targets)) {
      throw forbidden('PASSWORD_CHANGE_REQUIRED', 'The password has expired and must be changed first');
    }
    if (!policy.roles.includes(principal.role)) throw forbidden();
    return true;
  }
}
