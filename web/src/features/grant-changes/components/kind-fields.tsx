import type { ReactNode } from 'react';
import { RadioGroup } from '../../../components/radio-group';
import { TextField } from '../../../components/text-field';
import type { LineKind } from '../api';

/**
 * "Løbende" or "Engangsbevilling" with its "Slutdato" (user guide p. 5: "Ved engangsbevillinger … tilføje
 * slutdato"). A one-time line's end date is its last day.
 */
export function KindFields({ kind, endDate, onChange, errors, hint }: {
  kind: LineKind;
  endDate: string;
  onChange: (change: { kind?: LineKind; endDate?: string }) => void;
  errors: Readonly<Record<string, string>>;
  hint?: ReactNode;
}) {
  return (
    <RadioGroup<LineKind>
      id="kind"
      legend="Bevillingstype"
      hint={hint}
      value={kind}
      onChange={(next) => onChange({ kind: next })}
      error={errors.kind}
      options={[
        { value: 'continuous', label: 'Løbende' },
        {
          value: 'one_time',
          label: 'Engangsbevilling',
          content: (
            <TextField
              id="endDate"
              label="Slutdato"
              hint="Sidste dag, der kan bestilles på bevillingen (dd.mm.åååå)."
              autoComplete="off"
              width="xs"
              value={endDate}
              error={errors.endDate}
              onChange={(event) => onChange({ endDate: event.target.value })}
            />
          ),
        },
      ]}
    />
  );
}
