/** What a public page says about itself when shared in WeChat: built on the server, rendered by ShareMeta. */
export interface ShareMeta {
	/** The chat bubble's title. */
	title: string;
	/** The chat bubble's line under the title: the facts a resident decides on. */
	description: string;
	/** The page's own absolute address, without anything the visitor added. */
	url: string;
	/** The poster, absolute: og:image and WeChat's thumbnail. */
	image: string;
	/** The poster's path on this site, for the 生成海报 link. */
	posterPath: string;
	/**
	 * Only inside WeChat: the hidden first large image WeChat takes as the chat thumbnail without the
	 * JS-SDK. Everyone else would download a 100–150 KB poster they never see.
	 */
	thumbnail?: boolean;
	/**
	 * Only inside WeChat, and only with an official account configured: the JS-SDK script (see
	 * wechat-client.ts) that sets the chat card from this page's og: tags.
	 */
	wechatScript?: string | null;
}
