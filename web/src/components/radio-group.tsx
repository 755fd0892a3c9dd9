import type { ReactNode } from 'react';

interface RadioGroupProps {
  /** The group's name; each option's id is `<name>-<index>`, and the first one is where an error links to. */
  readonly name: string;
  readonly legend: string;
  readonly options: ReadonlyArray<{ readonly value: string; readonly label: string }>;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly error?: string;
  readonly hint?: ReactNode;
}

/** DKFDS radio buttons ("Radioknapper"): a fieldset whose legend is the question. */
export function RadioGroup({ name, legend, options, value, onChange, error, hint }: RadioGroupProps) {
  const described = [hint ? `${name}-hint` : undefined, error ? `${name}-error` : undefined].filter(Boolean).join(' ');
  return (
    <div className={`form-group${error ? ' form-error' : ''}`}>
      <fieldset aria-describedby={described || undefined}>
        <legend className="form-label">{legend}</legend>
        {hint && (
          <span className="form-hint" id={`${name}-hint`}>
            {hint}
          </span>
        )}
        {error && (
          <span className="form-error-message" id={`${name}-error`}>
            <span className="sr-only">Fejl: </span>
            {error}
          </span>
        )}
        {options.map((option, index) => (
          <div className="form-group-radio" key={option.value}>
            <input
              id={index === 0 ? name : `${name}-${index}`}
              type="radio"
              name={name}
              className="form-radio"
              value={option.value}
              checked={value === option.value}
              onChange={() => onChange(option.value)}
            />
            <label htmlFor={index === 0 ? name : `${name}-${index}`}>{option.label}</label>
          </div>
        ))}
      </fieldset>
    </div>
  );
}
