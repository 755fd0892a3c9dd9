import { useMemo, useState } from 'react';
import commonPasswords from 'virtual:long-common-passwords';
import { TextField } from '../../../components/text-field';
import { meetsPolicy, passwordRequirements } from '../password-policy';
import { PasswordRequirements } from './password-requirements';

const COMMON = new Set(commonPasswords);

export interface NewPassword {
  readonly password: string;
  readonly repeated: string;
}

/**
 * "Ny adgangskode" twice, with the policy shown live. The form reads the values through `onChange` and decides
 * on submit; `errors` are the form's messages for `newPassword` and `repeatPassword`.
 */
export function NewPasswordFields({ username, errors, onChange }: {
  username?: string;
  errors: Readonly<Record<string, string>>;
  onChange: (value: NewPassword & { acceptable: boolean }) => void;
}) {
  const [value, setValue] = useState<NewPassword>({ password: '', repeated: '' });
  const requirements = useMemo(() => passwordRequirements(value.password, { commonPasswords: COMMON, username }), [value.password, username]);

  const update = (next: NewPassword) => {
    setValue(next);
    onChange({ ...next, acceptable: meetsPolicy(passwordRequirements(next.password, { commonPasswords: COMMON, username })) });
  };

  return (
    <>
      <PasswordRequirements id="password-requirements" requirements={requirements} />
      <TextField
        id="newPassword"
        label="Ny adgangskode"
        type="password"
        autoComplete="new-password"
        describedBy="password-requirements"
        error={errors.newPassword}
        value={value.password}
        onChange={(event) => update({ ...value, password: event.target.value })}
      />
      <TextField
        id="repeatPassword"
        label="Gentag ny adgangskode"
        type="password"
        autoComplete="new-password"
        error={errors.repeatPassword}
        value={value.repeated}
        onChange={(event) => update({ ...value, repeated: event.target.value })}
      />
    </>
  );
}

/** The field messages of a new password found before sending it. */
export function newPasswordErrors(value: NewPassword & { acceptable: boolean }): Record<string, string | undefined> {
  return {
    newPassword: value.password === '' ? 'Vælg en ny adgangskode.' : value.acceptable ? undefined : 'Adgangskoden opfylder ikke kravene.',
    repeatPassword: value.password !== '' && value.repeated !== value.password ? 'De to adgangskoder er ikke ens.' : undefined,
  };
}
