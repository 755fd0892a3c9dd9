import { Icon } from './icon';

/** The star of a product on the municipality's agreement ("aftalesortiment", user guide p. 4–5). */
export function AgreementStar({ onAgreement }: { onAgreement: boolean }) {
  if (!onAgreement) return null;
  return <Icon name="star-fill" label="På kommunens aftale" className="agreement-star" />;
}
