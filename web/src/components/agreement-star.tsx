import { Icon } from './icon';

/** The coloured star of a product on the municipality's agreement ("aftalesortiment", user guide p. 4, 5). */
export function AgreementStar() {
  return <Icon name="star-fill" label="På kommunens aftale" className="agreement-star" />;
}
