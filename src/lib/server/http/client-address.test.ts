import { describe, expect, it } from 'vitest';
import { clientAddress, UNKNOWN_ADDRESS } from './client-address';

/** What adapter-node's getClientAddress does with ADDRESS_HEADER set and the header missing. */
const headerMissing = () => {
	throw new Error('Address header was specified with ADDRESS_HEADER=x-forwarded-for but is absent from request');
};

describe("the visitor's address", () => {
	it('is what the adapter says when it can say', () => {
		expect(clientAddress({ getClientAddress: () => '203.0.113.7', platform: { req: { socket: { remoteAddress: '10.0.0.1' } } } })).toBe('203.0.113.7');
	});

	it('falls back to the TCP peer when the address header is missing', () => {
		expect(clientAddress({ getClientAddress: headerMissing, platform: { req: { socket: { remoteAddress: '198.51.100.4' } } } })).toBe('198.51.100.4');
	});

	it('falls back to one shared name when there is no peer either', () => {
		expect(clientAddress({ getClientAddress: headerMissing })).toBe(UNKNOWN_ADDRESS);
		expect(clientAddress({ getClientAddress: headerMissing, platform: {} })).toBe(UNKNOWN_ADDRESS);
		expect(clientAddress({ getClientAddress: headerMissing, platform: { req: { socket: {} } } })).toBe(UNKNOWN_ADDRESS);
		expect(clientAddress({ getClientAddress: headerMissing, platform: { req: { socket: { remoteAddress: '' } } } })).toBe(UNKNOWN_ADDRESS);
	});
});
