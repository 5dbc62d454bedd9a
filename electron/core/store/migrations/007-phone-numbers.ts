import type { Migration } from './index';

/**
 * Phone numbers as the Hub sent them, with their E.164 form beside them (null when a value does not
 * parse), and a `numbers` search column per channel and per client: phone numbers are searched apart
 * from the text, so a query that is clearly a number never matches a company name. `phone_number` now
 * keeps the value as sent instead of its digits. The columns are filled from the raw records when the
 * database is next opened (see sync/refresh-derived.ts: the stored status-rules version is behind).
 * The client list's narrow index (migration 5) takes the numbers too, so that a search by number
 * scans it rather than the wide rows. Version 7: issue 16's onboarding took 6 on main first.
 */
export const phoneNumbersMigration: Migration = {
  version: 7,
  description: 'E.164 phone numbers beside the raw value; numbers search columns',
  up(db) {
    db.exec(`
      ALTER TABLE channels ADD COLUMN phone_e164 TEXT;
      ALTER TABLE channel_search ADD COLUMN numbers TEXT NOT NULL DEFAULT '';
      ALTER TABLE clients ADD COLUMN numbers TEXT NOT NULL DEFAULT '';
      DROP INDEX clients_list;
      CREATE INDEX clients_list ON clients (profile_id, name_sort, removed_at, search_text, numbers);
    `);
  },
};
