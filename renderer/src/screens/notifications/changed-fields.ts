/** What a status change's field is called where the app shows one (notifications, a channel's history). */
const CHANGED_FIELD_TITLES: Record<string, string> = {
  state: 'Channel state',
  messageOnBehalf: 'Message on behalf',
  metaBusinessVerification: 'Meta business verification',
  numberRegistration: 'Number registration',
  actionRequired: 'Action required',
  qualityRating: 'Quality rating',
  messagingLimit: 'Messaging limit',
  channel: 'Channel',
};

/** The field's title; `inChannel`: inside one channel's history, where "Channel state" is just "State". */
export function changedFieldTitle(field: string, inChannel = false): string {
  if (inChannel && field === 'state') return 'State';
  return CHANGED_FIELD_TITLES[field] ?? field;
}
