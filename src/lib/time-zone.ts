/**
 * The district's time zone: the one place that says where "today" is. Every date a resident or
 * organizer sees is a Beijing date, while the server itself may run in UTC. A site whose row carries
 * another zone (sites.time_zone) is read through that zone instead; everything else uses this one.
 */
export const DISTRICT_TIME_ZONE = 'Asia/Shanghai';
