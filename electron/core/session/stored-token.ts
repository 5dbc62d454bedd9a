/** The Bearer token as kept in the keychain (never in SQLite): who it is for and when it lapses. */
import { z } from 'zod';

export const storedTokenSchema = z.object({
  username: z.string(),
  accessToken: z.string(),
  expiresAt: z.number(),
});
export type StoredToken = z.infer<typeof storedTokenSchema>;
