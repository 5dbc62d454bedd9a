/**
 * Template statuses and categories as words and tones. Meta's values arrive upper- or lower-case
 * depending on the API generation; an unknown one keeps its raw text, neutral.
 */
import { sentenceCase } from '@shared/format';
import type { Tone } from '@shared/status';

const STATUS: Readonly<Record<string, { label: string; tone: Tone }>> = {
  approved: { label: 'Approved', tone: 'positive' },
  rejected: { label: 'Rejected', tone: 'negative' },
  pending: { label: 'Pending review', tone: 'progress' },
  submitted: { label: 'Submitted', tone: 'progress' },
  in_appeal: { label: 'In appeal', tone: 'progress' },
  created: { label: 'Created', tone: 'neutral' },
  paused: { label: 'Paused', tone: 'attention' },
  disabled: { label: 'Disabled', tone: 'negative' },
  flagged: { label: 'Flagged', tone: 'attention' },
  deleted: { label: 'Deleted', tone: 'neutral' },
};

export function templateStatus(raw: string | null): { label: string; tone: Tone } {
  if (!raw) return { label: 'Unknown', tone: 'neutral' };
  return STATUS[raw.trim().toLowerCase()] ?? { label: raw, tone: 'neutral' };
}

export function templateCategory(raw: string | null): string {
  return raw ? sentenceCase(raw) : '—';
}

/** Meta's rejection codes read as a sentence: "TAG_CONTENT_MISMATCH" -> "Tag content mismatch". */
export function rejectionText(raw: string | null): string | null {
  if (!raw || raw.toUpperCase() === 'NONE') return null;
  return sentenceCase(raw.replace(/_/g, ' '));
}
