/**
 * The second row of filters: the three activation statuses, "Action required", the client (set
 * from the Clients page) and "Clear filters". Plain selects: keyboard and screen-reader friendly.
 */
import { Icon } from '../../components/Icon';
import { activeFilterCount, clearFilters, type ChannelFilters } from '../../state/channel-list';
import { ACTION_HINT_TEXT } from '@shared/status';
import { ACTIVATION_FILTERS } from './filter-options';

interface FilterRowProps {
  filters: ChannelFilters;
  onChange(filters: ChannelFilters): void;
}

export function FilterRow({ filters, onChange }: FilterRowProps) {
  const active = activeFilterCount(filters);
  return (
    <div className="filter-row" role="group" aria-label="More filters">
      {ACTIVATION_FILTERS.map(({ field, title, short, options }) => {
        const value = filters[field][0] ?? '';
        return (
          <label key={field} className={value ? 'filter-select filter-select-active' : 'filter-select'} title={title}>
            <span className="filter-select-title" aria-hidden="true">
              {short}
            </span>
            <select
              className="select select-sm"
              aria-label={title}
              value={value}
              onChange={(event) => onChange({ ...filters, [field]: event.target.value ? [event.target.value] : [] })}
            >
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
      <button
        type="button"
        className="chip"
        aria-pressed={filters.actionRequired}
        onClick={() => onChange({ ...filters, actionRequired: !filters.actionRequired })}
      >
        <Icon name="alert" size={14} />
        Action required
      </button>
      {filters.client && (
        <span className="chip chip-removable">
          <span className="chip-key">Client</span>
          <span className="chip-value">{filters.client.name}</span>
          <button
            type="button"
            className="icon-btn icon-btn-xs"
            aria-label={`Remove the client filter ${filters.client.name}`}
            onClick={() => onChange({ ...filters, client: null })}
          >
            <Icon name="close" size={12} />
          </button>
        </span>
      )}
      {filters.actions.map((id) => (
        <RemovableChip
          key={id}
          name="Action"
          value={ACTION_HINT_TEXT[id]}
          onRemove={() => onChange({ ...filters, actions: filters.actions.filter((a) => a !== id) })}
        />
      ))}
      {filters.qualityRating.map((label) => (
        <RemovableChip
          key={label}
          name="Quality"
          value={label}
          onRemove={() => onChange({ ...filters, qualityRating: filters.qualityRating.filter((q) => q !== label) })}
        />
      ))}
      {filters.messagingLimit.map((label) => (
        <RemovableChip
          key={label}
          name="Messaging limit"
          value={label}
          onRemove={() => onChange({ ...filters, messagingLimit: filters.messagingLimit.filter((l) => l !== label) })}
        />
      ))}
      {active > 0 && (
        <button type="button" className="btn btn-ghost btn-sm" onClick={() => onChange(clearFilters(filters))}>
          Clear filters ({active})
        </button>
      )}
    </div>
  );
}

/** A filter set from elsewhere (a client, an Overview chart), shown with a button that removes it. */
function RemovableChip({ name, value, onRemove }: { name: string; value: string; onRemove(): void }) {
  return (
    <span className="chip chip-removable filter-row-chip">
      <span className="chip-key">{name}</span>
      <span className="chip-value" title={value}>
        {value}
      </span>
      <button type="button" className="icon-btn icon-btn-xs" aria-label={`Remove the filter ${name}: ${value}`} onClick={onRemove}>
        <Icon name="close" size={12} />
      </button>
    </span>
  );
}
