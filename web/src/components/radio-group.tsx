import { Fragment, type ReactNode } from 'react';

export interface RadioOption<T extends string> {
  readonly value: T;
  readonly label: string;
  /** Shown under the option while it is chosen (DKFDS's radio with hidden content). */
  readonly content?: ReactNode;
}

/**
 * DKFDS radio buttons in a fieldset with its legend, hint and error message. `id` is the group's: the error
 * summary links to the first option, which carries it.
 */
export function RadioGroup<T extends string>({ id, legend, options, value, onChange, error, hint }: {
  id: string;
  legend: string;
  options: readonly RadioOption<T>[];
  value: T;
  onChange: (value: T) => void;
  error?: string;
  hint?: ReactNode;
}) {
  const described = [hint ? `${id}-hint` : undefined, error ? `${id}-error` : undefined].filter(Boolean).join(' ');
  return (
    <div className={`form-group${error ? ' form-error' : ''}`}>
      <fieldset aria-describedby={described || undefined}>
        <legend className="form-label">{legend}</legend>
        {hint && (
          <span className="form-hint" id={`${id}-hint`}>
            {hint}
          </span>
        )}
        {error && (
          <span className="form-error-message" id={`${id}-error`}>
            <span className="sr-only">Fejl: </span>
            {error}
          </span>
        )}
        {options.map((option, index) => {
          const optionId = index === 0 ? id : `${id}-${option.value}`;
          const checked = value === option.value;
          const radio = (
            <div className="form-group-radio">
              <input type="radio" className="form-radio" id={optionId} name={id} value={option.value} checked={checked} onChange={() => onChange(option.value)} />
              <label className="form-label" htmlFor={optionId}>
                {option.label}
              </label>
            </div>
          );
          if (!option.content) return <Fragment key={option.value}>{radio}</Fragment>;
          return (
            <div className={`hidden-content-wrapper${checked ? ' show-content' : ''}`} key={option.value}>
              {radio}
              {checked && <div className="radio-content">{option.content}</div>}
            </div>
          );
        })}
      </fieldset>
    </div>
  );
}
