/** Fewer respondents than this is 小样本: a level that moves by more than ten points with a handful of people. */
export const SMALL_SAMPLE = 30;
