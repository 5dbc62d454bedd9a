/** Every field of the raw record as "path  value" rows, filterable: nothing the API sent is hidden. */
import { useMemo, useState } from 'react';
import { filterFields, flattenRaw } from './raw-fields';

export function AllFields({ raw }: { raw: unknown }) {
  const fields = useMemo(() => flattenRaw(raw), [raw]);
  const [filter, setFilter] = useState('');
  const shown = useMemo(() => filterFields(fields, filter), [fields, filter]);
  return (
    <div className="all-fields">
      <input
        className="input input-sm"
        type="search"
        aria-label="Filter fields"
        placeholder={`Filter ${fields.length} fields by name or value`}
        value={filter}
        onChange={(event) => setFilter(event.target.value)}
      />
      <table className="kv-table">
        <caption className="visually-hidden">All fields of the channel record</caption>
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Value</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((field) => (
            <tr key={field.path}>
              <th scope="row" className="kv-path">
                {field.path}
              </th>
              <td className={`kv-value kv-${field.kind}`}>{field.value}</td>
            </tr>
          ))}
          {shown.length === 0 && (
            <tr>
              <td colSpan={2} className="muted">
                No field matches “{filter}”.
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
