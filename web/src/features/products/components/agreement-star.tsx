import { Icon } from '../../../components/icon';

/** The star (user guide p. 4): on the municipality's agreement today. Read aloud either way. */
export function AgreementStar({ onAgreement }: { onAgreement: boolean }) {
  return onAgreement ? <Icon name="star-fill" label="På kommunens aftale" className="agreement-star" /> : <span className="sr-only">Ikke på aftale</span>;
}
