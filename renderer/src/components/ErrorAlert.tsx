import { Message } from './Message';

interface ErrorAlertProps {
  /** Main's error (any code: a refresh error's code is free text) or a plain sentence. */
  error: { message: string } | string;
  title?: string;
  id?: string;
  /** "warning" is for standing conditions shown from the start (not announced as an alert). */
  tone?: 'error' | 'warning';
}

/** An error announced to screen readers as soon as it appears (role="alert"), or a standing warning. */
export function ErrorAlert({ error, title, id, tone = 'error' }: ErrorAlertProps) {
  const message = typeof error === 'string' ? error : error.message;
  return (
    <div className={tone === 'warning' ? 'alert alert-warning' : 'alert'} role={tone === 'error' ? 'alert' : undefined} id={id}>
      {title && <strong className="alert-title">{title}</strong>}
      <Message text={message} />
    </div>
  );
}
