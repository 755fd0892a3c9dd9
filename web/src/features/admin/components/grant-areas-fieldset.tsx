import { CheckboxField } from '../../../components/checkbox-field';
import { RequiredMark } from '../../../components/required-mark';

/**
 * The grant areas a municipal user may work in, offered from the municipality's own (one box each). The first box
 * has `id`, so that an error summary's link lands on it.
 */
export function GrantAreasFieldset({
  id,
  municipalityName,
  areas,
  chosen,
  error,
  onToggle,
}: {
  id: string;
  municipalityName: string;
  areas: readonly string[];
  chosen: readonly string[];
  error: string | undefined;
  onToggle: (area: string, checked: boolean) => void;
}) {
  return (
    <fieldset className={`form-group${error ? ' form-error' : ''}`} aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="form-label">
        Bevillingsområder i {municipalityName} <RequiredMark />
      </legend>
      {error && (
        <span className="form-error-message" id={`${id}-error`}>
          <span className="sr-only">Fejl: </span>
          {error}
        </span>
      )}
      {areas.map((area, index) => (
        <CheckboxField key={area} id={index === 0 ? id : `${id}-${index}`} label={area} checked={chosen.includes(area)} onChange={(event) => onToggle(area, event.target.checked)} />
      ))}
    </fieldset>
  );
}
