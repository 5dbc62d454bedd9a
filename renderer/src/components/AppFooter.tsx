import { Icon } from './Icon';
import { useSession } from '../state/session-context';

const RUN_MODE_LABEL = { desktop: 'Desktop', web: 'Web mode', cli: 'Command line' } as const;

/** Version, run mode and where the local database lives: what support asks first; and how this copy runs, when the user should know. */
export function AppFooter() {
  const info = useSession((s) => s.info);
  if (!info) return null;
  return (
    <footer className="footer">
      <span>
        {info.name} {info.version}
      </span>
      <span aria-hidden="true">·</span>
      <span>{RUN_MODE_LABEL[info.runMode]}</span>
      <span aria-hidden="true">·</span>
      <span className="footer-path" title={info.dataDir}>
        Data in {info.dataDir}
      </span>
      {info.notices.map((notice) => (
        <span key={notice} className="footer-notice" role="note">
          <Icon name="alert" /> {notice}
        </span>
      ))}
    </footer>
  );
}
