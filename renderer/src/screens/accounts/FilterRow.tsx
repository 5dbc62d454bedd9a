/**
 * The second row of filters: the three activation statuses, "Action required", the client (set
 * from the Clients page) and "Clear filters". Plain selects: keyboard and screen-reader friendly.
 */
import { Icon } from '../../components/Icon';
import { activeFilterCount, clearFilters, type ChannelFilters } from '../../state/channel-list';
import { ACTIVATION_FILTERS } from './filter-options';

interface FilterRowProps {
  filters: ChannelFilters;
  onChange(filters: ChannelFilters): void;
}

export function FilterRow({ filters, onChange }: FilterRowProps) {
  const active = activeFilterCount(filters);
  return (
    <div className="filter-row" role="group" aria-label="More filters">
      {ACTIVATION_FILTERS.map(({ field, title, options }) => {
        const value = filters[field][0] ?? '';
        return (
          <label key={field} className={value ? 'filter-select filter-select-active' : 'filter-select'}>
            <span className="filter-select-title">{title}</span>
            <select className="select select-sm" value={value} onChange={(event) => onChange({ ...filters, [field]: event.target.value ? [event.target.value] : [] })}>
              <option value="">Any</option>
              {options.map((option) => (
                <option key={option} value={option}>
                  {option}
                </option>
              ))}
            </select>
          </label>
        );
      })}
      <button type="button" className="chip" aria-pressed={filters.actionRequired} onClick={() => onChange({ ...filters, actionRequired: !filters.actionRequired })}>
        <Icon name="alert" size={14} />
        Action required
      </button>
      {filters.client && (
        <span className="chip chip-removable">
          <span className="chip-key">Client</span>
          <span className="chip-value">{filters.client.name}</span>
          <button type="button" className="icon-btn icon-btn-xs" aria-label={`Remove the client filter ${filters.client.name}`} onClick={() => onChange({ ...filters, client: null })}>
            <Icon name="close" size={12} />
          </button>
        </span>
      )}
      {active > 0 && (
        <button type="button" className="btn btn-ghost btn-sm" onClick={() => onChange(clearFilters(filters))}>
          Clear filters ({active})
        </button>
      )}
    </div>
  );
}
