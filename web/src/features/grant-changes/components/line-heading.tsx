import { AgreementStar } from '../../../components/agreement-star';
import { formatDate } from '../../../lib/format';
import type { GrantLine } from '../api';

/** "Løbende fra 01.03.2026" or "Engangsbevilling 01.03.2026–31.05.2026". */
export function lineKindText(line: Pick<GrantLine, 'kind' | 'startDate' | 'endDate'>): string {
  if (line.kind === 'continuous') return `Løbende fra ${formatDate(line.startDate)}`;
  return `Engangsbevilling ${formatDate(line.startDate)}–${line.endDate ? formatDate(line.endDate) : ''}`;
}

/** The line a dialog is about: product, star, item number, area and kind. */
export function LineHeading({ line }: { line: GrantLine }) {
  return (
    <div className="line-heading">
      <h3>
        {line.productName ?? line.itemNumber} {line.onAgreement && <AgreementStar />}
      </h3>
      <p>
        Varenr. {line.itemNumber} · {line.grantArea} · {lineKindText(line)}
      </p>
    </div>
  );
}
