/**
 * The app's small icon set: 16px strokes on a 16px grid, drawn inline (the CSP allows no remote
 * fonts or images). Icons are decorative: every control carrying one also has a text name.
 */
import type { ReactElement } from 'react';

const PATHS = {
  search: <path d="M7 12.5A5.5 5.5 0 1 0 7 1.5a5.5 5.5 0 0 0 0 11zM11 11l3.5 3.5" />,
  cards: <path d="M2 2.5h5v5H2zM9 2.5h5v5H9zM2 9.5h5v5H2zM9 9.5h5v5H9z" />,
  table: <path d="M2 3h12M2 6.5h12M2 10h12M2 13.5h12" />,
  download: <path d="M8 2v8.5M4.5 7 8 10.5 11.5 7M2.5 13.5h11" />,
  refresh: <path d="M13.5 8a5.5 5.5 0 1 1-1.6-3.9M13.5 2v3.5H10" />,
  bell: <path d="M4 11V7a4 4 0 0 1 8 0v4l1.5 1.5h-11zM6.5 14h3" />,
  users: (
    <path d="M6 7.5a2.75 2.75 0 1 0 0-5.5 2.75 2.75 0 0 0 0 5.5zM1.5 14c0-2.5 2-4 4.5-4s4.5 1.5 4.5 4M11 2.3a2.75 2.75 0 0 1 0 5.2M12.5 10.2c1.2.6 2 1.8 2 3.8" />
  ),
  phone: <path d="M5.5 1.5h5a1 1 0 0 1 1 1v11a1 1 0 0 1-1 1h-5a1 1 0 0 1-1-1v-11a1 1 0 0 1 1-1zM7 12.5h2" />,
  outbox: <path d="M2 9.5h3l1 2h4l1-2h3M2 9.5V13a1 1 0 0 0 1 1h10a1 1 0 0 0 1-1V9.5l-2-6H4zM8 2v5M6 4l2-2 2 2" />,
  close: <path d="M3.5 3.5l9 9M12.5 3.5l-9 9" />,
  chevronDown: <path d="M4 6l4 4 4-4" />,
  chevronRight: <path d="M6 4l4 4-4 4" />,
  alert: <path d="M8 1.8 15 14H1zM8 6v3.5M8 11.5v.5" />,
  check: <path d="M3 8.5l3 3 7-7" />,
  copy: <path d="M5.5 5.5h8v8h-8zM10.5 5.5v-3h-8v8h3" />,
  offline: (
    <path d="M1.5 6a10 10 0 0 1 3.2-2M6.7 3.1A10 10 0 0 1 14.5 6M4 8.8a6.5 6.5 0 0 1 2.2-1.4M9.7 7.4A6.5 6.5 0 0 1 12 8.8M6.3 11.3a2.5 2.5 0 0 1 3.4 0M2 2l12 12" />
  ),
  keyboard: <path d="M1.5 4h13v8h-13zM4 6.5h.5M6.5 6.5H7M9 6.5h.5M11.5 6.5h.5M4.5 9.5h7" />,
  filter: <path d="M2 3h12L9.5 8.5V13l-3 1.5v-6z" />,
  sort: <path d="M5 2.5v11M2.5 11 5 13.5 7.5 11M11 13.5v-11M8.5 5 11 2.5 13.5 5" />,
  signOut: <path d="M6 2.5H3a.5.5 0 0 0-.5.5v10a.5.5 0 0 0 .5.5h3M10.5 5 13.5 8l-3 3M13.5 8H6" />,
  external: <path d="M9 2.5h4.5V7M13.5 2.5 7.5 8.5M11.5 9.5v4h-9v-9h4" />,
  arrowUp: <path d="M8 13V3M4 7l4-4 4 4" />,
  arrowDown: <path d="M8 3v10M4 9l4 4 4-4" />,
  clock: <path d="M8 14.5a6.5 6.5 0 1 0 0-13 6.5 6.5 0 0 0 0 13zM8 4.5V8l2.5 1.5" />,
  mail: <path d="M2 3.5h12v9H2zM2 4l6 5 6-5" />,
  qr: <path d="M2 2h4.5v4.5H2zM9.5 2H14v4.5H9.5zM2 9.5h4.5V14H2zM9.5 9.5h2v2h-2zM12.5 12.5H14V14h-1.5zM12.5 9.5H14M9.5 14h1.5" />,
  link: <path d="M6.5 9.5l3-3M7 4.5l1.2-1.2a2.8 2.8 0 0 1 4 4L11 8.5M9 11.5l-1.2 1.2a2.8 2.8 0 0 1-4-4L5 7.5" />,
  userPlus: <path d="M6.5 7.5a2.75 2.75 0 1 0 0-5.5 2.75 2.75 0 0 0 0 5.5zM1.5 14c0-2.5 2-4 5-4 1.2 0 2.2.2 3 .7M12.5 9v5M10 11.5h5" />,
  chart: <path d="M2 14h12M3.5 14V9M7 14V4M10.5 14V7M14 14V2.5" />,
  bookmark: <path d="M4 1.5h8v13L8 11l-4 3.5z" />,
  history: <path d="M2.5 8a5.5 5.5 0 1 0 1.6-3.9M2 2v3.5h3.5M8 5v3.3l2.2 1.4" />,
  chat: <path d="M2.5 13.5l1-3a5.5 5.5 0 1 1 2 2zM6 8h.5M8 8h.5M10 8h.5" />,
  plus: <path d="M8 3v10M3 8h10" />,
  columns: <path d="M2 3h12v10H2zM6 3v10M10 3v10" />,
  printer: <path d="M4 6V2h8v4M4 11H2V6h12v5h-2M4 9h8v5H4z" />,
  settings: <path d="M2 4h7M12 4h2M2 8h2M7 8h7M2 12h9M14 12h0M9 2.5v3M4 6.5v3M11 10.5v3" />,
  undo: <path d="M4 6.5h6.5a3 3 0 0 1 0 6H6M6.5 4 4 6.5 6.5 9" />,
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name, size = 16, className }: { name: IconName; size?: number; className?: string }): ReactElement {
  return (
    <svg
      className={className ? `icon ${className}` : 'icon'}
      width={size}
      height={size}
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.5"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {PATHS[name]}
    </svg>
  );
}
