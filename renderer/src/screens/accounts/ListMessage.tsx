/** What the list area says when it has no rows to show: first sync, nothing found, or a failure. */
import type { ReactNode } from 'react';
import type { ErrorInfo } from '@shared/errors';
import { Message } from '../../components/Message';

interface ListMessageProps {
  title: string;
  children?: ReactNode;
  error?: ErrorInfo | null;
  action?: ReactNode;
}

export function ListMessage({ title, children, error, action }: ListMessageProps) {
  return (
    <div className="list-message" role={error ? 'alert' : undefined}>
      <h2>{title}</h2>
      {error && (
        <p>
          <Message text={error.message} />
        </p>
      )}
      {children && <div className="muted">{children}</div>}
      {action}
    </div>
  );
}
