/**
 * The password policy as the page shows it while the user types (the service decides: src/identity/
 * password-policy.ts; a test keeps the two in step). Length counts Unicode code points, as the service does.
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;
const USERNAME_MIN_LENGTH_CHECKED = 4;

export type RequirementKey = 'length' | 'notCommon' | 'notUsername';

export interface Requirement {
  readonly key: RequirementKey;
  readonly text: string;
  readonly met: boolean;
}

export function passwordRequirements(password: string, context: { commonPasswords: ReadonlySet<string>; username?: string }): Requirement[] {
  const length = [...password].length;
  const lowered = password.toLowerCase();
  const username = context.username?.toLowerCase();
  const requirements: Requirement[] = [
    { key: 'length', text: `Mindst ${PASSWORD_MIN_LENGTH} og højst ${PASSWORD_MAX_LENGTH} tegn`, met: length >= PASSWORD_MIN_LENGTH && length <= PASSWORD_MAX_LENGTH },
    { key: 'notCommon', text: 'Ikke en af de mest almindelige adgangskoder', met: password !== '' && !context.commonPasswords.has(lowered) },
  ];
  if (username !== undefined && [...username].length >= USERNAME_MIN_LENGTH_CHECKED) {
    requirements.push({ key: 'notUsername', text: 'Må ikke indeholde dit brugernavn', met: password !== '' && !lowered.includes(username) });
  }
  return requirements;
}

export const meetsPolicy = (requirements: readonly Requirement[]): boolean => requirements.every((requirement) => requirement.met);
