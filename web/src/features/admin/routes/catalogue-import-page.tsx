import { useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Alert } from '../../../components/alert';
import { BackLink } from '../../../components/back-link';
import { ErrorSummary } from '../../../components/error-summary';
import { describedBy, FormGroup } from '../../../components/form-group';
import { PageHeading } from '../../../components/page-heading';
import { Spinner } from '../../../components/spinner';
import { fieldErrors, formErrorsFrom, NO_ERRORS, type FormErrors } from '../../../lib/form-errors';
import { uploadCatalogue, type ImportReport } from '../api';
import { importSummary, percent, rowMessage } from '../import-report';
import { ADMIN_PATH } from '../paths';

const TITLE = 'Indlæs varefil';
const FILE_ID = 'catalogue-file';
const COLUMNS = 'itemNumber;name;description;manufacturer;manufacturerRef;group;seriesId;salesUnitName;piecesPerSalesUnit;listPrice';

type Stage = { readonly step: 'idle' } | { readonly step: 'sending'; readonly percent: number | null } | { readonly step: 'processing' };

/**
 * "Indlæs varefil": the supplier's product file (CSV) uploaded with its progress shown, then the service's report:
 * how many rows were read (new, changed, unchanged) and each rejected row with its number and reason. Rows that
 * pass are imported even when others are rejected; importing the same file again changes nothing.
 */
export function CatalogueImportPage() {
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [stage, setStage] = useState<Stage>({ step: 'idle' });
  const [report, setReport] = useState<ImportReport | null>(null);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [attempt, setAttempt] = useState(0);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setAttempt((n) => n + 1);
    setReport(null);
    if (!file) {
      setErrors(fieldErrors({ [FILE_ID]: 'Vælg en varefil (CSV).' }));
      return;
    }
    setErrors(NO_ERRORS);
    setStage({ step: 'sending', percent: 0 });
    uploadCatalogue(file, (loaded, total) => {
      const done = percent(loaded, total);
      setStage(done === 100 ? { step: 'processing' } : { step: 'sending', percent: done });
    })
      .then((answer) => {
        setReport(answer);
        // The product search and pages show the new catalogue.
        void queryClient.invalidateQueries({ queryKey: ['products'] });
      })
      .catch((error: unknown) => setErrors(formErrorsFrom(error, [])))
      .finally(() => setStage({ step: 'idle' }));
  };

  const error = errors.fields[FILE_ID];
  const busy = stage.step !== 'idle';
  return (
    <>
      <BackLink to={ADMIN_PATH}>Tilbage til Administration</BackLink>
      <PageHeading title={TITLE}>{TITLE}</PageHeading>
      <p>
        Varefilen er en CSV-fil (UTF-8, semikolon-separeret) med en overskriftsrække med kolonnerne <code>{COLUMNS}</code> i vilkårlig rækkefølge
        (valgfrit: <code>datasheetUrls</code>). Listeprisen er kroner pr. salgsenhed med decimalkomma. Gyldige rækker indlæses, også når andre afvises.
      </p>
      <form onSubmit={submit} noValidate>
        <ErrorSummary items={errors.summary} attempt={attempt} />
        <FormGroup id={FILE_ID} label="Varefil" required hint="CSV-fil, højst 64 MB" error={error}>
          <input
            id={FILE_ID}
            name={FILE_ID}
            type="file"
            className="form-file-input"
            accept=".csv,text/csv"
            required
            aria-invalid={error ? true : undefined}
            aria-describedby={describedBy(FILE_ID, { hint: true, error })}
            onChange={(event) => setFile(event.target.files?.[0] ?? null)}
          />
        </FormGroup>
        <button type="submit" className="button button-primary button-accept" disabled={busy}>
          Indlæs fil
        </button>
      </form>
      {stage.step === 'sending' && (
        <div className="mt-5">
          <label htmlFor="upload-progress" className="form-label">
            Sender filen {stage.percent === null ? '' : `(${stage.percent} %)`}
          </label>
          <progress id="upload-progress" max={100} value={stage.percent ?? undefined}>
            {stage.percent ?? 0} %
          </progress>
        </div>
      )}
      {stage.step === 'processing' && <Spinner status="Filen er sendt. Varerne indlæses …" />}
      {report && <Report report={report} />}
    </>
  );
}

function Report({ report }: { report: ImportReport }) {
  return (
    <section aria-labelledby="report-heading" className="mt-7">
      <h2 id="report-heading">Rapport</h2>
      <Alert variant={report.rejected.length > 0 ? 'warning' : 'success'} id="import-summary">
        {importSummary(report)}
      </Alert>
      {report.rejected.length > 0 && (
        <div className="table--responsive-scroll">
          <table className="table table--compact" id="rejected-rows">
            <caption>Afviste rækker (overskriften er række 1)</caption>
            <thead>
              <tr>
                <th scope="col">Række</th>
                <th scope="col">Varenummer</th>
                <th scope="col">Årsag</th>
              </tr>
            </thead>
            <tbody>
              {report.rejected.map((rejection) => (
                <tr key={rejection.row}>
                  <th scope="row">{rejection.row}</th>
                  <td>{rejection.itemNumber ?? '–'}</td>
                  <td>{rowMessage(rejection.code)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
