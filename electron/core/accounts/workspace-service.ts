/**
 * The workspace's second round: a channel's history, the Overview of the whole book, and bulk actions
 * on a selection, each for the active profile. Reads the local copy only; bulk actions go through
 * the outbox like any single action.
 */
import { AppError } from '@shared/errors';
import type { BookOverview } from '@shared/book';
import type { BulkPreview, BulkRequest, BulkResult } from '@shared/bulk';
import type { ChannelHistory } from '@shared/history';
import type { BulkActions } from '../outbox/bulk-actions';
import { ConfirmationNeeded } from '../outbox/bulk-actions';
import type { BookQueries, OverviewComputer } from '../store/book-queries';
import type { HistoryQueries } from '../store/history-queries';

export interface WorkspaceDeps {
  activeProfileId(): string | null;
  lastSucceededAt(): string | null;
  history: HistoryQueries;
  book: BookQueries;
  /** Where the Overview is computed when it must be (a worker thread); absent, on this thread. */
  computeOverview?: OverviewComputer;
  bulk: BulkActions;
}

export class WorkspaceService {
  constructor(private readonly deps: WorkspaceDeps) {}

  history(channelId: string, limit: number): ChannelHistory {
    const history = this.deps.history.channel(this.requireProfile(), channelId, limit);
    if (!history) throw new AppError('not_found', `Channel ${channelId} is not in the local copy. Sync, then try again.`);
    return history;
  }

  async overview(): Promise<BookOverview> {
    const profileId = this.deps.activeProfileId();
    if (!profileId) throw new AppError('not_signed_in', 'No partner profile is signed in. Sign in, or explore the demo data.');
    return this.deps.book.overview(profileId, this.deps.lastSucceededAt(), this.deps.computeOverview);
  }

  bulkPreview(request: BulkRequest): Promise<BulkPreview> {
    return this.deps.bulk.preview(this.requireProfile(), request);
  }

  async bulkRun(request: BulkRequest, confirmed: boolean): Promise<BulkResult> {
    const profileId = this.requireProfile();
    try {
      return await this.deps.bulk.run(profileId, request, confirmed);
    } catch (error) {
      if (error instanceof ConfirmationNeeded) {
        throw new AppError(
          'invalid_input',
          `${(await this.deps.bulk.preview(profileId, request)).title}: this needs your explicit confirmation. Nothing was queued.`,
        );
      }
      throw error;
    }
  }

  private requireProfile(): string {
    const id = this.deps.activeProfileId();
    if (!id) throw new AppError('not_signed_in', 'No partner profile is signed in. Sign in, or explore the demo data.');
    return id;
  }
}
