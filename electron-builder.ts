/**
 * electron-builder finds this file by its name (electron-builder.ts, loaded through jiti), so a
 * bare `npx electron-builder` gets the same configuration as the npm scripts. The configuration
 * itself, and what it decides from the environment (signing, notarisation, the update feed), is
 * in scripts/packaging/builder-config.ts, where it is type-checked and tested.
 */
import { createBuilderConfig } from './scripts/packaging/builder-config';

export default createBuilderConfig(process.env);
