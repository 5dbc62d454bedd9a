/** The no-account path: start the built-in simulated Partner Hub. */
import { BusyButton } from '../../components/BusyButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useSession } from '../../state/session-context';

export function DemoChoice() {
  const startDemo = useSession((s) => s.startDemo);
  const pending = useSession((s) => s.pending);
  const error = useSession((s) => (s.error?.action === 'startDemo' ? s.error.info : null));
  const busy = pending === 'startDemo';

  return (
    <section className="card choice choice-demo" aria-labelledby="demo-title">
      <div className="choice-intro">
        <h2 id="demo-title">Try it without an account</h2>
        <p className="muted">Explore Partner Desk against a simulated Partner Hub with sample clients and WhatsApp channels.</p>
      </div>
      <ul className="demo-points">
        <li>No API key needed</li>
        <li>Nothing is sent to 360dialog</li>
        <li>Leave the demo at any time</li>
      </ul>
      {error && <ErrorAlert title="The demo could not start" error={error} />}
      <BusyButton
        className="btn btn-accent"
        busy={busy}
        blocked={pending !== null}
        busyLabel="Connecting to the demo Hub…"
        onClick={() => void startDemo()}
      >
        Explore with demo data
      </BusyButton>
      <p className="visually-hidden" role="status">
        {busy ? 'Connecting to the demo Hub…' : ''}
      </p>
    </section>
  );
}
