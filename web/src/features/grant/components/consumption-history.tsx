import { useState } from 'react';
import type { GrantLine } from '../api';
import { periodText } from '../line-text';

/**
 * The consumption history per past calculation window (user guide p. 3: "overblik over forbrugshistorik"), one
 * DKFDS accordion item per line, closed until asked for. React keeps the open state (DKFDS's markup and classes).
 * A line without a max has its past calendar months here instead (a one-time line: its whole life), shown
 * against "Ingen grænse".
 */
export function ConsumptionHistory({ areaId, lines }: { areaId: string; lines: readonly GrantLine[] }) {
  const withHistory = lines.filter((line) => line.history.length > 0);
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  if (withHistory.length === 0) return null;
  const toggle = (lineId: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (!next.delete(lineId)) next.add(lineId);
      return next;
    });
  return (
    <>
      <h3 className="h4">Forbrugshistorik</h3>
      <ul className="accordion">
        {withHistory.map((line) => {
          const id = `${areaId}-historik-${line.lineId}`;
          const expanded = open.has(line.lineId);
          return (
            <li key={line.lineId}>
              <h4>
                <button type="button" className="accordion-button" aria-expanded={expanded} aria-controls={id} onClick={() => toggle(line.lineId)}>
                  <span className="accordion-title">
                    {line.productName ?? line.itemNumber} ({line.itemNumber}), {line.history.length === 1 ? '1 periode' : `${line.history.length} perioder`}
                  </span>
                </button>
              </h4>
              <div id={id} className="accordion-content" aria-hidden={!expanded}>
                <HistoryTable line={line} />
              </div>
            </li>
          );
        })}
      </ul>
    </>
  );
}

function HistoryTable({ line }: { line: GrantLine }) {
  return (
    <table className="table table--compact">
      <caption className="sr-only">Forbrug pr. periode af {line.productName ?? line.itemNumber}</caption>
      <thead>
        <tr>
          <th scope="col">Periode</th>
          <th scope="col">Bevilget max.</th>
          <th scope="col">Bestilt</th>
          <th scope="col">Leveret på bevillingen</th>
        </tr>
      </thead>
      <tbody>
        {line.history.map((window) => (
          <tr key={window.start}>
            <td>{periodText(window)}</td>
            <td>{window.grantedMax ?? 'Ingen grænse'}</td>
            <td>{window.ordered}</td>
            <td>{window.delivered}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
