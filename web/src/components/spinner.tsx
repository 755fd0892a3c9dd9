/** DKFDS spinner with a status text for screen readers. */
export function Spinner({ status = 'Henter …' }: { status?: string }) {
  return (
    <div className="spinner-box">
      <div className="spinner" aria-hidden="true" />
      <div className="spinner-status" role="status">
        {status}
      </div>
    </div>
  );
}
