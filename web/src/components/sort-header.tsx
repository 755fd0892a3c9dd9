import { Icon } from './icon';

export type SortDirection = 'ascending' | 'descending';

/**
 * A sortable column header (DKFDS "Tabeller", sorting): a button in the header cell, the cell says how the table
 * is sorted now (aria-sort), the icon shows it.
 */
export function SortHeader({ label, direction, onSort }: { label: string; direction?: SortDirection; onSort: () => void }) {
  const icon = direction === 'ascending' ? 'sort-table-ascending' : direction === 'descending' ? 'sort-table-descending' : 'sort-table-none';
  return (
    <th scope="col" aria-sort={direction}>
      <button type="button" className="button button-unstyled" onClick={onSort}>
        {label}
        <Icon name={icon} />
      </button>
    </th>
  );
}
