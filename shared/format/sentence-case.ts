/** "CATEGORY_NAME"-style or raw words as a sentence: lower case, first letter capital ("Marketing", "Limited"). */
export function sentenceCase(text: string): string {
  const lower = text.toLowerCase();
  return lower.charAt(0).toUpperCase() + lower.slice(1);
}
