/**
 * Chinese names in the order a Chinese reader expects (by pinyin), with one collator for the whole
 * process: `a.localeCompare(b, 'zh-CN')` looks up the locale's collation on every call, which is most
 * of the cost of sorting a long list of centers or experts.
 */
export const byPinyin = new Intl.Collator('zh-CN');

export const comparePinyin = (a: string, b: string): number => byPinyin.compare(a, b);
