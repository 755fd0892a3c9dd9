import { useState, type FormEvent } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router';
import { Alert } from '../../../components/alert';
import { BackLink } from '../../../components/back-link';
import { Modal } from '../../../components/modal';
import { PageHeading } from '../../../components/page-heading';
import { Pagination } from '../../../components/pagination';
import { Spinner } from '../../../components/spinner';
import { TextField } from '../../../components/text-field';
import { errorMessage } from '../../../lib/error-messages';
import { formatDateTime } from '../../../lib/format';
import { shownRange } from '../../../lib/paging';
import { roleName } from '../../../lib/roles';
import { USERS_PAGE_SIZE, useResendInvitation, useSetUserDisabled, useUnlockUser, useUsers, type UserRow } from '../api';
import { ADMIN_PATH, NEW_USER_PATH, userPath } from '../paths';
import { accountStatus, isMunicipalityId } from '../user-form';

const TITLE = 'Brugere';

/** What the page says after an action: shown at the top, announced. */
interface Notice {
  readonly variant: 'success' | 'warning' | 'error';
  readonly text: string;
}

/** Set by "Opret ny bruger" when it brings the administrator back here. */
export interface CreatedNotice {
  readonly created: { readonly name: string; readonly email: string; readonly invitation: 'sent' | 'failed' };
}

function createdNotice(state: unknown): Notice | null {
  const created = (state as Partial<CreatedNotice> | null)?.created;
  if (!created) return null;
  return created.invitation === 'sent'
    ? { variant: 'success', text: `${created.name} er oprettet. Der er sendt en e-mail til ${created.email} med et link til at vælge adgangskode.` }
    : { variant: 'warning', text: `${created.name} er oprettet, men e-mailen med linket kunne ikke sendes. Brug "Send invitation igen".` };
}

/**
 * "Brugere" for administrators: the staff accounts (by username, optionally of one municipality), each with its
 * role, municipality, grant areas and status; "Opret ny bruger"; per account "Redigér" (its page), "Send invitation igen" (a new
 * set-password link by e-mail), "Lås op" (a lock after repeated failed logins) and "Deaktivér"/"Aktivér".
 */
export function UsersPage() {
  const location = useLocation();
  const [search, setSearch] = useSearchParams();
  const municipalityId = search.get('kommune') ?? undefined;
  const page = Math.max(1, Number(search.get('side')) || 1);
  const users = useUsers({ municipalityId: municipalityId && isMunicipalityId(municipalityId) ? municipalityId : undefined, page });
  const [notice, setNotice] = useState<Notice | null>(() => createdNotice(location.state));
  const [deactivating, setDeactivating] = useState<UserRow | null>(null);
  const [filter, setFilter] = useState(municipalityId ?? '');
  const [filterError, setFilterError] = useState<string | undefined>();

  const resend = useResendInvitation();
  const unlock = useUnlockUser();
  const setDisabled = useSetUserDisabled();
  const busy = resend.isPending || unlock.isPending || setDisabled.isPending;

  const done = (text: string) => () => setNotice({ variant: 'success', text });
  const failed = (error: unknown) => setNotice({ variant: 'error', text: errorMessage(error) });

  const applyFilter = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = filter.trim();
    if (value !== '' && !isMunicipalityId(value)) {
      setFilterError('Kommunenummeret er 3 cifre, fx 101.');
      return;
    }
    setFilterError(undefined);
    setSearch(value ? { kommune: value } : {});
  };

  const confirmDeactivation = () => {
    if (!deactivating) return;
    const user = deactivating;
    setDeactivating(null);
    setDisabled.mutate({ userId: user.userId, disabled: true }, { onSuccess: done(`${user.username} er deaktiveret og kan ikke længere logge ind.`), onError: failed });
  };

  return (
    <>
      <BackLink to={ADMIN_PATH}>Tilbage til Administration</BackLink>
      <PageHeading title={TITLE}>{TITLE}</PageHeading>
      <p>Medarbejdere hos kommunerne og leverandøren, der logger ind i e-bevilling.</p>
      <p>
        <Link to={NEW_USER_PATH} className="button button-primary button-accept">
          Opret ny bruger …
        </Link>
      </p>
      {notice && (
        <Alert variant={notice.variant} id="users-notice">
          {notice.text}
        </Alert>
      )}
      <form onSubmit={applyFilter} noValidate className="mt-5">
        <div className="row align-items-end">
          <div className="col-12 col-md-4">
            <TextField id="users-municipality" label="Kommunenummer" hint="Vis kun brugere i én kommune" width="xs" inputMode="numeric" value={filter} onChange={(event) => setFilter(event.target.value)} error={filterError} />
          </div>
          <div className="col-12 col-md-4">
            <button type="submit" className="button button-secondary mb-5">
              Søg
            </button>
          </div>
        </div>
      </form>
      {users.isPending && <Spinner status="Henter brugere …" />}
      {users.isError && <Alert variant="error">{errorMessage(users.error)}</Alert>}
      {users.data && (
        <section aria-labelledby="users-heading" aria-busy={users.isFetching || busy}>
          <h2 id="users-heading">Brugerliste</h2>
          <p role="status">{summary(users.data.page, users.data.pageSize, users.data.total)}</p>
          {users.data.items.length > 0 && (
            <div className="table--responsive-scroll">
              <table className="table table--compact">
                <caption className="sr-only">Brugere</caption>
                <thead>
                  <tr>
                    <th scope="col">Brugernavn</th>
                    <th scope="col">Navn og e-mail</th>
                    <th scope="col">Rolle</th>
                    <th scope="col">Kommune</th>
                    <th scope="col">Bevillingsområder</th>
                    <th scope="col">Status</th>
                    <th scope="col">Handlinger</th>
                  </tr>
                </thead>
                <tbody>
                  {users.data.items.map((user) => (
                    <tr key={user.userId} data-username={user.username}>
                      <th scope="row">{user.username}</th>
                      <td>
                        {user.name}
                        <br />
                        <span className="form-hint">{user.email}</span>
                      </td>
                      <td>{roleName(user.role)}</td>
                      <td>{user.municipalityId ?? '–'}</td>
                      <td>{user.grantAreas.length > 0 ? user.grantAreas.join(', ') : '–'}</td>
                      <td>{accountStatus(user, formatDateTime)}</td>
                      <td>
                        <ul className="nobullet-list">
                          <li>
                            <Link to={userPath(user.userId)} className="function-link">
                              Redigér<span className="sr-only"> {user.username}</span>
                            </Link>
                          </li>
                          {!user.disabled && (
                            <li>
                              <button
                                type="button"
                                className="button button-unstyled function-link"
                                disabled={busy}
                                onClick={() => resend.mutate(user.userId, { onSuccess: done(`Der er sendt en ny invitation til ${user.email}.`), onError: failed })}
                              >
                                Send invitation igen<span className="sr-only"> til {user.username}</span>
                              </button>
                            </li>
                          )}
                          {user.lockedUntil && (
                            <li>
                              <button
                                type="button"
                                className="button button-unstyled function-link"
                                disabled={busy}
                                onClick={() => unlock.mutate(user.userId, { onSuccess: done(`${user.username} er låst op og kan logge ind igen.`), onError: failed })}
                              >
                                Lås op<span className="sr-only"> {user.username}</span>
                              </button>
                            </li>
                          )}
                          <li>
                            {user.disabled ? (
                              <button
                                type="button"
                                className="button button-unstyled function-link"
                                disabled={busy}
                                onClick={() => setDisabled.mutate({ userId: user.userId, disabled: false }, { onSuccess: done(`${user.username} er aktiveret igen.`), onError: failed })}
                              >
                                Aktivér<span className="sr-only"> {user.username}</span>
                              </button>
                            ) : (
                              <button type="button" className="button button-unstyled function-link" disabled={busy} onClick={() => setDeactivating(user)}>
                                Deaktivér<span className="sr-only"> {user.username}</span>
                              </button>
                            )}
                          </li>
                        </ul>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <Pagination
            label="Sider i brugerlisten"
            page={users.data.page}
            pageSize={USERS_PAGE_SIZE}
            total={users.data.total}
            onPage={(next) => setSearch({ ...(municipalityId ? { kommune: municipalityId } : {}), side: String(next) })}
          />
        </section>
      )}
      <Modal
        id="deactivate-user"
        open={deactivating !== null}
        heading="Deaktivér bruger"
        onClose={() => setDeactivating(null)}
        actions={
          <>
            <button type="button" className="button button-primary" onClick={confirmDeactivation}>
              Deaktivér
            </button>
            <button type="button" className="button button-tertiary" onClick={() => setDeactivating(null)}>
              Annullér
            </button>
          </>
        }
      >
        {deactivating && (
          <p>
            Vil du deaktivere {deactivating.name} ({deactivating.username})? Brugeren kan ikke længere logge ind. Du kan aktivere brugeren igen senere.
          </p>
        )}
      </Modal>
    </>
  );
}

function summary(page: number, pageSize: number, total: number): string {
  if (total === 0) return 'Der er ingen brugere.';
  const { first, last } = shownRange(page, pageSize, total);
  return `Viser ${first}–${last} af ${total} ${total === 1 ? 'bruger' : 'brugere'}.`;
}
