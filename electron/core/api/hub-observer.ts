/**
 * What every request to the Hub teaches about the connection, reported by the HTTP client after each
 * attempt: the Hub answered (with its status), or the request got no answer (and whether the cause
 * says there is no network at all). The session's connection monitor folds these into one state.
 */
export type HubOutcome =
  | { type: 'answered'; status: number; startedAt: number; at: number; message: string | null }
  | { type: 'no_answer'; noNetwork: boolean; startedAt: number; at: number; message: string };

export type HubObserver = (outcome: HubOutcome) => void;
