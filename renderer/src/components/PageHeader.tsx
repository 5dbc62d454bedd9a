/**
 * A page's head: its title (the focus target on arriving at a page, `#page-title`), one line under it
 * that says what the page holds right now (announced politely as it changes, unless `live` is off),
 * and the page's own buttons on the right. `compact` keeps title and line on one row, for the pages
 * whose lists need the height.
 */
import type { ReactNode } from 'react';

export function PageHeader({
  title,
  sub,
  compact = false,
  live = true,
  children,
}: {
  title: string;
  sub: ReactNode;
  compact?: boolean;
  live?: boolean;
  children?: ReactNode;
}) {
  return (
    <header className={compact ? 'page-head page-head-compact' : 'page-head'}>
      <div className={compact ? 'page-title-line' : undefined}>
        <h1 id="page-title" tabIndex={-1}>
          {title}
        </h1>
        <p className="page-sub" {...(live ? { role: 'status', 'aria-live': 'polite' as const } : {})}>
          {sub}
        </p>
      </div>
      {children}
    </header>
  );
}
