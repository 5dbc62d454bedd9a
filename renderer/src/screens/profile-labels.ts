/** Words for profile fields, shared by the welcome and connected screens. */
import type { AuthMethod, ProfileSummary } from '@shared/contract';

const METHOD_LABEL: Record<AuthMethod, string> = {
  api_key: 'Partner API key',
  token: 'Username and password',
  demo: 'Demo data',
};

export function describeMethod(method: AuthMethod): string {
  return METHOD_LABEL[method];
}

/** "hub.360dialog.io" rather than the full URL, where a short form reads better. */
export function hubHost(profile: ProfileSummary): string {
  try {
    return new URL(profile.hubUrl).host || profile.hubUrl;
  } catch {
    return profile.hubUrl;
  }
}
