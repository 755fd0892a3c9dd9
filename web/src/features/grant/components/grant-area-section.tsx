import type { GrantArea, GrantLine } from '../api';
import type { Choice } from '../ordering';
import { ConsumptionHistory } from './consumption-history';
import { GrantLineRow } from './grant-line-row';

export interface AreaSectionProps {
  readonly area: GrantArea;
  readonly citizenStatus: string;
  readonly today: string;
  readonly ordering: boolean;
  readonly granting: boolean;
  readonly choiceOf: (line: GrantLine) => Choice;
  readonly unitsErrorOf: (line: GrantLine) => string | undefined;
  readonly onChoice: (line: GrantLine, change: Partial<Choice>) => void;
}

/** Ids from area names ("Sårpleje") that are valid in a URL fragment, for the table's name and the accordion. */
const areaId = (grantArea: string) => `omraade-${grantArea.toLowerCase().replace(/[^a-z0-9æøå]+/g, '-')}`;

/** One grant area ("bevillingsområde") of the grant: its lines in a DKFDS table, then their consumption history. */
export function GrantAreaSection({ area, citizenStatus, today, ordering, granting, choiceOf, unitsErrorOf, onChoice }: AreaSectionProps) {
  const id = areaId(area.grantArea);
  return (
    <section className="grant-area" aria-labelledby={id}>
      <h2 id={id}>{area.grantArea}</h2>
      <div className="table--responsive-scroll" tabIndex={0} role="region" aria-label={`Varer i ${area.grantArea}`}>
        <table className="table table--compact grant-lines">
          <thead>
            <tr>
              {ordering && <th scope="col">Bestil</th>}
              <th scope="col">Vare</th>
              <th scope="col">Bevilget max.</th>
              <th scope="col">Leveret på bevillingen</th>
              <th scope="col">Tilbage</th>
              <th scope="col">Salgsenheder pr. ordre</th>
              <th scope="col">Seneste ordredato</th>
              <th scope="col">Næste bestillingsdato</th>
              {ordering && <th scope="col">Antal</th>}
            </tr>
          </thead>
          <tbody>
            {area.lines.map((line) => (
              <GrantLineRow
                key={line.lineId}
                line={line}
                citizenStatus={citizenStatus}
                today={today}
                ordering={ordering}
                granting={granting}
                choice={choiceOf(line)}
                unitsError={unitsErrorOf(line)}
                onChoice={(change) => onChoice(line, change)}
              />
            ))}
          </tbody>
        </table>
      </div>
      <ConsumptionHistory areaId={id} lines={area.lines} />
    </section>
  );
}
