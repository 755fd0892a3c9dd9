import { CheckboxField } from '../../../components/checkbox-field';
import { RequiredMark } from '../../../components/required-mark';
import { Spinner } from '../../../components/spinner';
import { TextField } from '../../../components/text-field';
import { isApiError } from '../../../lib/api-error';
import { useMunicipality } from '../api';
import { isMunicipalityId } from '../user-form';

interface Props {
  /** The fields' ids (an error summary links to them); the grant areas' id is their first box's. */
  readonly ids: { readonly municipalityId: string; readonly grantAreas: string };
  readonly municipalityId: string;
  readonly grantAreas: readonly string[];
  readonly errors: { readonly municipalityId: string | undefined; readonly grantAreas: string | undefined };
  /** A new municipality: the caller clears the chosen areas (they were another municipality's). */
  readonly onMunicipalityChange: (municipalityId: string) => void;
  readonly onToggleArea: (area: string, checked: boolean) => void;
}

/**
 * A municipal user's scope ("Opret ny bruger", "Redigér bruger"): "Kommunenummer", then the grant areas the user may
 * work in, offered from that municipality's own (one box each) once the number names one.
 */
export function MunicipalScopeFields({ ids, municipalityId, grantAreas, errors, onMunicipalityChange, onToggleArea }: Props) {
  const id = municipalityId.trim();
  const municipality = useMunicipality(isMunicipalityId(id) ? id : null);
  const unknown = municipality.isError && isApiError(municipality.error) && municipality.error.status === 404;
  const areasError = errors.grantAreas;
  return (
    <>
      <TextField
        id={ids.municipalityId}
        label="Kommunenummer"
        hint="3 cifre, fx 101 for København"
        required
        width="xs"
        inputMode="numeric"
        autoComplete="off"
        value={municipalityId}
        onChange={(event) => onMunicipalityChange(event.target.value)}
        error={errors.municipalityId ?? (unknown ? 'Kommunen findes ikke. Kontrollér kommunenummeret.' : undefined)}
      />
      {municipality.isFetching && <Spinner status="Henter kommunens bevillingsområder …" />}
      {municipality.data && (
        <fieldset className={`form-group${areasError ? ' form-error' : ''}`} aria-describedby={areasError ? `${ids.grantAreas}-error` : undefined}>
          <legend className="form-label">
            Bevillingsområder i {municipality.data.name} <RequiredMark />
          </legend>
          {areasError && (
            <span className="form-error-message" id={`${ids.grantAreas}-error`}>
              <span className="sr-only">Fejl: </span>
              {areasError}
            </span>
          )}
          {municipality.data.grantAreas.map((area, index) => (
            <CheckboxField
              key={area}
              id={index === 0 ? ids.grantAreas : `${ids.grantAreas}-${index}`}
              label={area}
              checked={grantAreas.includes(area)}
              onChange={(event) => onToggleArea(area, event.target.checked)}
            />
          ))}
        </fieldset>
      )}
    </>
  );
}
