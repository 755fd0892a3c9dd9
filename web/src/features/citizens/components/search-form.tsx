import { useState, type FormEvent } from 'react';
import { ErrorSummary } from '../../../components/error-summary';
import { SelectField } from '../../../components/select-field';
import { TextField } from '../../../components/text-field';
import { CITIZEN_STATUSES, CITIZEN_STATUS_NAMES, isRemovalStatus } from '../../../lib/citizen-status';
import { fieldErrors, hasErrors, NO_ERRORS } from '../../../lib/form-errors';
import type { SessionUser } from '../../../lib/session';
import { cprSearchCriterion } from '../cpr-input';
import { citizenPermissions } from '../permissions';
import { DEFAULT_CRITERIA, type SearchCriteria } from '../search-criteria';

/** The municipal roles are confined to the grant areas they were given (DOMAIN §6); the others see every area. */
const AREA_SCOPED_ROLES = ['caseworker', 'nurse', 'orderer'];

/**
 * "Find en eksisterende bevilling" (user guide p. 2): every criterion in one form, combined. A CPR number is
 * checked before it is sent (the whole number or its first 6 digits) and handed up apart from the others.
 */
export function SearchForm({ criteria, cpr, user, onSearch }: {
  criteria: SearchCriteria;
  cpr: string;
  user: SessionUser;
  onSearch: (criteria: SearchCriteria, cpr: string | undefined) => void;
}) {
  const [fields, setFields] = useState({ ...criteria, cpr });
  const [errors, setErrors] = useState(NO_ERRORS);
  const [attempt, setAttempt] = useState(0);
  const set = (field: keyof typeof fields) => (event: { target: { value: string } }) => setFields((current) => ({ ...current, [field]: event.target.value }));
  const statuses = CITIZEN_STATUSES.filter((status) => !isRemovalStatus(status) || citizenPermissions(user.role).acrossMunicipalities);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setAttempt((n) => n + 1);
    const criterion = cprSearchCriterion(fields.cpr);
    const problems = fieldErrors({ 'search-cpr': criterion.ok ? undefined : 'Skriv hele CPR-nummeret (10 cifre) eller de første 6 cifre.' });
    setErrors(problems);
    if (hasErrors(problems) || !criterion.ok) return;
    const { cpr: _typed, ...rest } = fields;
    onSearch({ ...rest, name: rest.name.trim(), address: rest.address.trim(), place: rest.place.trim(), itemNumber: rest.itemNumber.trim(), grantArea: rest.grantArea.trim(), page: 1 }, criterion.cpr);
  };

  const reset = () => {
    setFields({ ...DEFAULT_CRITERIA, pageSize: criteria.pageSize, cpr: '' });
    setErrors(NO_ERRORS);
    onSearch({ ...DEFAULT_CRITERIA, pageSize: criteria.pageSize }, undefined);
  };

  return (
    <form onSubmit={submit} noValidate aria-labelledby="search-heading" role="search">
      <ErrorSummary items={errors.summary} attempt={attempt} />
      <div className="row">
        <div className="col-12 col-md-6 col-lg-4">
          <TextField id="search-cpr" label="CPR-nummer" hint="10 cifre eller de første 6" value={fields.cpr} onChange={set('cpr')} error={errors.fields['search-cpr']} autoComplete="off" inputMode="numeric" />
        </div>
        <div className="col-12 col-md-6 col-lg-4">
          <TextField id="search-name" label="Navn" hint="Del af for- eller efternavn" value={fields.name} onChange={set('name')} autoComplete="off" />
        </div>
        <div className="col-12 col-md-6 col-lg-4">
          <TextField id="search-address" label="Adresse" hint="Del af vejnavnet" value={fields.address} onChange={set('address')} autoComplete="off" />
        </div>
        <div className="col-12 col-md-6 col-lg-4">
          <TextField id="search-place" label="Postnummer eller by" hint="Fx 2100 eller København" value={fields.place} onChange={set('place')} autoComplete="off" />
        </div>
        <div className="col-12 col-md-6 col-lg-4">
          {AREA_SCOPED_ROLES.includes(user.role) ? (
            <SelectField
              id="search-area"
              label="Aktivt bevillingsområde"
              hint="Kun de områder, du har adgang til"
              value={fields.grantArea}
              onChange={set('grantArea')}
              options={[{ value: '', label: 'Alle mine områder' }, ...user.grantAreas.map((area) => ({ value: area, label: area }))]}
            />
          ) : (
            <TextField id="search-area" label="Aktivt bevillingsområde" hint="Områdets navn, fx Stomi" value={fields.grantArea} onChange={set('grantArea')} autoComplete="off" />
          )}
        </div>
        <div className="col-12 col-md-6 col-lg-4">
          <SelectField
            id="search-status"
            label="Borgerstatus"
            hint="Som udgangspunkt vises aktive borgere"
            value={fields.status}
            onChange={set('status')}
            options={statuses.map((status) => ({ value: status, label: CITIZEN_STATUS_NAMES[status] }))}
          />
        </div>
        <div className="col-12 col-md-6 col-lg-4">
          <TextField id="search-item" label="Varenummer" hint="Borgere med varen aktiv på bevillingen" value={fields.itemNumber} onChange={set('itemNumber')} autoComplete="off" />
        </div>
      </div>
      <div className="button-group mt-5 mb-6">
        <button type="submit" className="button button-primary">
          Søg
        </button>
        <button type="button" className="button button-tertiary" onClick={reset}>
          Nulstil søgning
        </button>
      </div>
    </form>
  );
}
