import { zhCN } from './zh-CN';

/** The message catalog. One locale today; a second catalog of the same type adds English. */
export const m = zhCN;
