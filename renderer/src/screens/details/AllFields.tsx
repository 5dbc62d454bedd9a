/** Every field of the raw record as "path  value" rows, filterable: nothing the API sent is hidden. */
import { useMemo, useState } from 'react';
import { formatZonedDateTime } from '@shared/format/zoned-time';
import { filterFields, flattenRaw } from './raw-fields';

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

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
              <td className={`kv-value kv-${field.kind}`}>
                {field.value}
                {/* As sent, for support; a timestamp also as a person reads it, in their zone. */}
                {field.kind === 'string' && ISO_TIME.test(field.value) && (
                  <span className="muted"> ({formatZonedDateTime(field.value)})</span>
                )}
              </td>
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
