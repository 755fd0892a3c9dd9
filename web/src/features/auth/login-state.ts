import type { EndReason } from '../../lib/session';

/** What a redirect to the login page carries (router state, never the URL): where to go back to, and why. */
export interface LoginState {
  readonly from?: string;
  readonly reason?: EndReason;
  readonly idleMinutes?: number;
  readonly notice?: 'password-set';
}

export const LOGIN_PATH = '/log-ind';
export const HOME_PATH = '/mine-sider';
export const CHANGE_PASSWORD_PATH = '/skift-adgangskode';
