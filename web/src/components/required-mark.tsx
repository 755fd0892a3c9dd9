/**
 * The user guide's red star on a required field ("Alle felter markeret med en rød stjerne er obligatoriske").
 * The star is for the eye; the field itself carries `required`, which is what a screen reader announces.
 */
export function RequiredMark() {
  return (
    <span className="required-mark" aria-hidden="true">
      {' *'}
    </span>
  );
}
