/**
 * Counts this process's writes to one table, so a cache of that table (the channel search index)
 * knows when it is stale without being thrown away by every unrelated write on the connection.
 * The one writer of the table bumps it; commits by other connections show in `PRAGMA data_version`.
 */
export class ChangeCounter {
  private count = 0;

  bump(): void {
    this.count += 1;
  }

  get value(): number {
    return this.count;
  }
}
