/**
 * The visitor's address, for the login throttle and the registration rate limit.
 *
 * adapter-node's `getClientAddress()` throws when ADDRESS_HEADER is set but the request lacks that
 * header (someone reaching the app directly, past the proxy), or when XFF_DEPTH asks for more hops than
 * X-Forwarded-For has. A resident should not get a 500 for that: the TCP peer is the next best answer,
 * and if even that is gone (the socket closed) every such request shares one bucket, which still limits.
 */

/** adapter-node passes the Node request as `platform.req`; in dev and in tests there may be none. */
interface NodePlatform {
	req?: { socket?: { remoteAddress?: string } };
}

export interface AddressSource {
	getClientAddress(): string;
	platform?: Readonly<NodePlatform>;
}

export const UNKNOWN_ADDRESS = 'unknown';

export function clientAddress(event: AddressSource): string {
	try {
		return event.getClientAddress();
	} catch {
		return event.platform?.req?.socket?.remoteAddress || UNKNOWN_ADDRESS;
	}
}
