import { Alert } from '../../../components/alert';

/** Said wherever prices show to a caller without a municipality (customer service, administrators). */
export function NoMunicipalityNote() {
  return (
    <Alert variant="info">
      Du er ikke tilknyttet en kommune. Derfor ser du listepriser og ingen stjerner for kommunernes aftalesortiment.
    </Alert>
  );
}
