import { useState } from 'react';
import type { GrantLine } from './types';
import { initialChoice, unitsProblem, type Choice } from './ordering';

/**
 * What a person has ticked and typed on "Borgers bevilling", by line. "Antal" is checked as it is typed once
 * changed, and for every ticked line after a refused "Læg i indkøbskurv", so the reason stands next to the field.
 */
export function useOrderChoices() {
  const [choices, setChoices] = useState<Readonly<Record<string, Choice>>>({});
  const [edited, setEdited] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);

  const choiceOf = (line: GrantLine): Choice => choices[line.lineId] ?? initialChoice(line);

  const choose = (line: GrantLine, change: Partial<Choice>) => {
    setChoices((current) => ({ ...current, [line.lineId]: { ...(current[line.lineId] ?? initialChoice(line)), ...change } }));
    if (change.units !== undefined) setEdited((current) => new Set(current).add(line.lineId));
  };

  const unitsErrorOf = (line: GrantLine): string | undefined =>
    edited.has(line.lineId) || (submitted && choiceOf(line).checked) ? unitsProblem(choiceOf(line).units, line) : undefined;

  const reset = () => {
    setChoices({});
    setEdited(new Set());
    setSubmitted(false);
  };

  return { choiceOf, choose, unitsErrorOf, markSubmitted: () => setSubmitted(true), reset };
}
