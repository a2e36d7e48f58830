/**
 * The database schema. camelCase here, snake_case in SQL (drizzle `casing: 'snake_case'`).
 * Dates of sittings are local calendar dates ('YYYY-MM-DD'); times of day are local 'HH:MM' in the
 * site's time zone; instants (createdAt …) are stored as UTC milliseconds.
 */
export * from './organizations';
export * from './rotations';
export * from './accounts';
export * from './mail';
export * from './audit';
export * from './caches';
export * from './events';
export * from './check-in';
export * from './feeds';
export * from './surveys';
export * from './sms';
export * from './coverage';
export * from './jobs';
