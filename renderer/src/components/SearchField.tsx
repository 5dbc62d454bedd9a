/**
 * The page's search box. It carries the id `page-search`, which the global "/" and Ctrl+K
 * shortcuts focus; Esc in it clears the search first, then leaves the field.
 */
import type { KeyboardEvent } from 'react';
import { Icon } from './Icon';
import { Kbd } from './Kbd';

export const PAGE_SEARCH_ID = 'page-search';

interface SearchFieldProps {
  value: string;
  onChange(value: string): void;
  label: string;
  placeholder: string;
  /** ↓ in the field: move into the results (the page focuses its first row). */
  onDown?(): void;
}

export function SearchField({ value, onChange, label, placeholder, onDown }: SearchFieldProps) {
  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown' && onDown) {
      event.preventDefault();
      onDown();
      return;
    }
    if (event.key !== 'Escape') return;
    if (value !== '') {
      event.preventDefault();
      onChange('');
    } else {
      event.currentTarget.blur();
    }
  }

  return (
    <div className="search">
      <Icon name="search" className="search-icon" />
      <input
        id={PAGE_SEARCH_ID}
        className="input search-input"
        type="search"
        aria-label={label}
        placeholder={placeholder}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={onKeyDown}
        autoComplete="off"
        spellCheck={false}
        maxLength={200}
      />
      {value === '' ? (
        <span className="search-hint">
          <Kbd decorative>/</Kbd>
        </span>
      ) : (
        <button type="button" className="icon-btn search-clear" aria-label="Clear search" onClick={() => onChange('')}>
          <Icon name="close" size={14} />
        </button>
      )}
    </div>
  );
}
