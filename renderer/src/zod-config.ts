/**
 * zod compiles object parsers with `new Function` (probed when a schema is built), which the CSP
 * forbids and reports as a violation. This module must be imported before anything that builds a
 * schema (the contract), so it is the first import of main.tsx.
 */
import { z } from 'zod';

z.config({ jitless: true });
