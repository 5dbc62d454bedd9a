/** An honest placeholder for the workspace: what this version does not do yet, and what comes next. */
export function NextSteps({ partnerName }: { partnerName: string }) {
  return (
    <section className="card" aria-labelledby="next-title">
      <h2 id="next-title">What's next</h2>
      <p className="muted">
        This version connects and checks your credentials. Syncing your clients and channels comes next; until then there is no account
        data to show here.
      </p>
      <ol className="next-steps">
        <li>
          <strong>Sync clients and channels</strong>
          <span className="muted">Every client and WhatsApp number of {partnerName} copied into a local database on this computer.</span>
        </li>
        <li>
          <strong>Browse, search and export offline</strong>
          <span className="muted">The whole book of accounts stays available without a connection, with CSV export.</span>
        </li>
        <li>
          <strong>Queue changes while travelling</strong>
          <span className="muted">Cancel a channel, change a channel limit or create an API key offline; it is sent when you are back online.</span>
        </li>
      </ol>
    </section>
  );
}
