/**
 * How a WhatsApp number is shown: "+" and the stored digits. The store keeps digits only (so every
 * way of typing a number searches the same); the card, the CLI and the CSV export all call this one
 * function, so a file and the screen can never disagree on a number. Grouping the digits for the
 * screen, if it comes, belongs here too, with the CSV keeping the ungrouped form.
 */

/** "+4915123456789" for "4915123456789"; "" when the channel has no number. */
export function formatPhoneNumber(digits: string | null | undefined): string {
  return digits ? `+${digits}` : '';
}
