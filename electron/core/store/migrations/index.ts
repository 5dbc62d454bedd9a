/**
 * Numbered schema migrations. The database's `PRAGMA user_version` is the number of the last one
 * applied. Append only: a shipped migration is never edited, a new one is added after it.
 */
import type Database from 'better-sqlite3';
import { profilesMigration } from './001-profiles';
import { accountsMigration } from './002-accounts';
import { outboxMigration } from './003-outbox';
import { syncHashesMigration } from './004-sync-hashes';
import { syncLeasesMigration } from './005-sync-leases';
import { onboardingMigration } from './006-onboarding';
import { phoneNumbersMigration } from './007-phone-numbers';
import { workspaceHistoryMigration } from './008-workspace-history';

export interface Migration {
  version: number;
  description: string;
  up(db: Database.Database): void;
}

export const MIGRATIONS: readonly Migration[] = [
  profilesMigration,
  accountsMigration,
  outboxMigration,
  syncHashesMigration,
  syncLeasesMigration,
  onboardingMigration,
  phoneNumbersMigration,
  workspaceHistoryMigration,
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.reduce((max, m) => Math.max(max, m.version), 0);
