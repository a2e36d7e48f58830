import { consoleSystemZhCN } from './console-system.zh-CN';
import { consoleZhCN } from './console.zh-CN';
import { zhCN } from './zh-CN';

/**
 * The message catalog. One locale today; a second catalog of the same type adds English.
 * `m.console` holds the organizer console's words, which only staff see.
 */
export const m = { ...zhCN, console: { ...consoleZhCN, system: consoleSystemZhCN } };
