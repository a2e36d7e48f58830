/**
 * Residents' pages are complete as server-rendered HTML and ship no JavaScript: less to download on
 * a cheap phone, nothing to break in WeChat's browser. A page that gains an enhancement opts back in
 * with `export const csr = true`.
 */
export const csr = false;
