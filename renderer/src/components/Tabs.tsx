/**
 * WAI-ARIA tabs: one tab stop for the whole list, arrows (and Home/End) move between tabs and
 * select them, the panel is labelled by its tab. `idBase` ties tabs and panel together.
 */
import { useRef, type KeyboardEvent, type ReactNode } from 'react';

export interface TabDef<Id extends string> {
  id: Id;
  label: string;
  /** A small count or marker after the label (e.g. number of templates). */
  extra?: ReactNode;
}

interface TabsProps<Id extends string> {
  tabs: readonly TabDef<Id>[];
  selected: Id;
  onSelect(id: Id): void;
  idBase: string;
  label: string;
}

export const tabId = (base: string, id: string): string => `${base}-tab-${id}`;
export const panelId = (base: string, id: string): string => `${base}-panel-${id}`;

export function Tabs<Id extends string>({ tabs, selected, onSelect, idBase, label }: TabsProps<Id>) {
  const refs = useRef(new Map<Id, HTMLButtonElement | null>());

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const index = tabs.findIndex((t) => t.id === selected);
    const targets: Record<string, number> = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: tabs.length - 1 };
    const target = targets[event.key];
    if (target === undefined) return;
    event.preventDefault();
    const next = tabs[(target + tabs.length) % tabs.length];
    if (!next) return;
    onSelect(next.id);
    refs.current.get(next.id)?.focus();
  }

  return (
    <div className="tabs" role="tablist" aria-label={label} onKeyDown={onKeyDown}>
      {tabs.map((tab) => {
        const active = tab.id === selected;
        return (
          <button
            key={tab.id}
            ref={(el) => {
              refs.current.set(tab.id, el);
            }}
            type="button"
            role="tab"
            id={tabId(idBase, tab.id)}
            aria-selected={active}
            aria-controls={panelId(idBase, tab.id)}
            tabIndex={active ? 0 : -1}
            className="tab"
            onClick={() => onSelect(tab.id)}
          >
            {tab.label}
            {tab.extra}
          </button>
        );
      })}
    </div>
  );
}

export function TabPanel({ idBase, id, children }: { idBase: string; id: string; children: ReactNode }) {
  return (
    <div className="tab-panel" role="tabpanel" id={panelId(idBase, id)} aria-labelledby={tabId(idBase, id)} tabIndex={0}>
      {children}
    </div>
  );
}
