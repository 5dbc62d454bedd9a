/**
 * Renders a message from main (written for people) and turns `backticked` parts into <code>, since
 * messages name commands like `partner-desk web`. Text only: nothing is interpreted as HTML.
 */
export function Message({ text }: { text: string }) {
  const parts = text.split(/`([^`]+)`/);
  return <>{parts.map((part, index) => (index % 2 === 1 ? <code key={index}>{part}</code> : part))}</>;
}
