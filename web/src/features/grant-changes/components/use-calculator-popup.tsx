import { useEffect, useRef, useState } from 'react';
import { draftFromCalculation, type AllowanceDraft } from '../allowance-draft';
import { initialCalculator } from '../calculator-form';
import type { SalesUnit } from './allowance-arithmetic';
import { AllowanceCalculator } from './allowance-calculator';

/**
 * The calculator pop-up of a dialog. DKFDS shows one modal at a time, so the dialog hides while the pop-up is up
 * (`isOpen`) and comes back when it closes; focus then returns to "Bevilget max." with the new numbers, or to the
 * button that opened the pop-up.
 */
export function useCalculatorPopup({ itemNumber, salesUnit, oneTime, draft, onApply }: {
  itemNumber: string | undefined;
  salesUnit?: SalesUnit;
  oneTime: boolean;
  draft: AllowanceDraft;
  onApply: (draft: AllowanceDraft) => void;
}) {
  const [isOpen, setOpen] = useState(false);
  const focusAfter = useRef<string | null>(null);

  // Runs after the dialog's modal has shown itself again (a child's effects run first).
  useEffect(() => {
    if (isOpen || !focusAfter.current) return;
    document.getElementById(focusAfter.current)?.focus();
    focusAfter.current = null;
  }, [isOpen]);

  const close = (focus: string) => {
    focusAfter.current = focus;
    setOpen(false);
  };

  const popup =
    isOpen && itemNumber ? (
      <AllowanceCalculator
        itemNumber={itemNumber}
        salesUnit={salesUnit}
        oneTime={oneTime}
        initial={initialCalculator(draft.rate, draft.withMax ? draft.periodMonths : null)}
        onApply={(calculated) => {
          onApply(draftFromCalculation(calculated));
          close('grantedMax');
        }}
        onClose={() => close('calculate-allowance')}
      />
    ) : null;

  return { isOpen, open: () => setOpen(true), popup };
}
