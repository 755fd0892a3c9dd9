import { Link } from 'react-router';
import { PageHeading } from '../../../components/page-heading';
import { AGREEMENTS_PATH } from '../../agreements/api';
import { CATALOGUE_IMPORT_PATH, DISCONTINUE_PATH, MUNICIPALITIES_PATH, PROJECTIONS_PATH, USERS_PATH } from '../paths';

const TITLE = 'Administration';

/** The administrator's start page: what can be administered, each with a line on what it is for. */
export function AdminPage() {
  return (
    <>
      <PageHeading title={TITLE}>{TITLE}</PageHeading>
      <ul className="nobullet-list">
        <li>
          <Link to={USERS_PATH}>Brugere</Link>
          <p className="mt-0">Opret medarbejdere med rolle, kommune og bevillingsområder; send invitation igen, lås op og deaktivér.</p>
        </li>
        <li>
          <Link to={MUNICIPALITIES_PATH}>Kommuner</Link>
          <p className="mt-0">Opret kommuner, og ret deres navn, postnumre og bevillingsområder.</p>
        </li>
        <li>
          <Link to={AGREEMENTS_PATH}>Aftaler</Link>
          <p className="mt-0">Se og ret en kommunes aftalesortiment: varer, aftalepriser og gyldighedsperioder.</p>
        </li>
        <li>
          <Link to={CATALOGUE_IMPORT_PATH}>Indlæs varefil</Link>
          <p className="mt-0">Indlæs leverandørens varefil (CSV) og se rapporten over nye, ændrede og afviste rækker.</p>
        </li>
        <li>
          <Link to={DISCONTINUE_PATH}>Udgåede varer</Link>
          <p className="mt-0">Markér en vare som udgået, eller genindsæt den.</p>
        </li>
        <li>
          <Link to={PROJECTIONS_PATH}>Projektioner</Link>
          <p className="mt-0">Se om visningerne er ajour, og afspil hændelser, der er sat til side.</p>
        </li>
      </ul>
    </>
  );
}
