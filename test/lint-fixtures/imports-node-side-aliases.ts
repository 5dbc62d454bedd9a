// Linted as renderer and shared code: each alias into the Node side must be refused.
import { createCore } from '@core';
import { SyncEngine } from '@core/sync/sync-engine';
import { createDemoHub } from '@demo-hub';
import { formatCount } from '@shared/format/money';

export const used = [createCore, SyncEngine, createDemoHub, formatCount];
