/** A keyboard key as shown in hints ("/", "Ctrl K"). Hidden from screen readers where the hint is decorative. */
export function Kbd({ children, decorative = false }: { children: string; decorative?: boolean }) {
  return (
    <kbd className="kbd" aria-hidden={decorative || undefined}>
      {children}
    </kbd>
  );
}
