/**
 * The outbox: actions taken offline or still on their way, grouped by what they need (attention,
 * the network, nothing), with "Send now" and the queue's own status (offline, paused after a
 * refused key, next attempt).
 */
import { BusyButton } from '../../components/BusyButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { RelativeTime } from '../../components/RelativeTime';
import { openCount } from '../../state/outbox-store';
import { useWorkspace, useWs } from '../../state/workspace-context';
import { ListMessage } from '../accounts/ListMessage';
import { ActionRow } from './ActionRow';
import { sectionsOf } from './action-text';
import { PageHeader } from '../../components/PageHeader';

export function OutboxPage() {
  const ws = useWorkspace();
  const items = useWs('outbox', (s) => s.items);
  const status = useWs('outbox', (s) => s.status);
  const loaded = useWs('outbox', (s) => s.loaded);
  const error = useWs('outbox', (s) => s.error);
  const pushing = useWs('outbox', (s) => s.pushing);
  const pushMessage = useWs('outbox', (s) => s.pushMessage);
  const open = openCount(status);
  const sections = sectionsOf(items).filter((section) => section.items.length > 0);

  return (
    <section className="page-body" aria-labelledby="page-title">
      <PageHeader
        title="Outbox"
        sub={
          <>
            {open === 0 ? 'Nothing waiting' : `${open} ${open === 1 ? 'action' : 'actions'} waiting`}
            {status?.online === false && open > 0 && ' · sent when the connection is back'}
            {status?.online !== false && status?.nextAttemptAt && open > 0 && (
              <>
                {' · next attempt '}
                <RelativeTime value={status.nextAttemptAt} />
              </>
            )}
          </>
        }
      >
        <BusyButton className="btn" busy={pushing} busyLabel="Sending…" onClick={() => void ws.outbox.getState().push()}>
          Send now
        </BusyButton>
      </PageHeader>
      <div className="page-scroll">
        {status?.paused && <ErrorAlert tone="warning" title="Sending is paused" error={status.paused} />}
        {pushMessage && (
          <p className="callout" role="status">
            {pushMessage}
          </p>
        )}
        {error && <ErrorAlert title="The outbox could not be updated" error={error} />}
        {!loaded ? (
          <p className="muted">Reading the outbox…</p>
        ) : sections.length === 0 ? (
          <ListMessage title="The outbox is empty">
            Cancelling a channel, changing a client's channel limit or generating an API key goes through here. Offline, actions wait here
            and are sent when the connection is back.
          </ListMessage>
        ) : (
          sections.map((section) => (
            <section key={section.id} className="outbox-section" aria-labelledby={`ob-${section.id}`}>
              <h2 id={`ob-${section.id}`} className="section-title">
                {section.title} ({section.items.length})
              </h2>
              <ul className="action-list">
                {section.items.map((action) => (
                  <ActionRow key={action.id} action={action} />
                ))}
              </ul>
            </section>
          ))
        )}
      </div>
    </section>
  );
}
