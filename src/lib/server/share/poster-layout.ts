/**
 * The one poster layout, as a satori element tree: a coloured head with the big facts, sections of
 * rows, and a foot with the QR code and the page's address. Pure: plain data in, plain tree out.
 *
 * Sizes are chosen for WeChat, which shows a shared image at about a third of its width in the chat:
 * at 750 px, 32 px text is still about 11 px there, and the title is larger still.
 */
import { m } from '../../i18n';
import { POSTER_FONT_FAMILY } from './poster-fonts';

export const POSTER_WIDTH = 750;

export interface PosterRow {
	lead: string;
	main: string;
	detail?: string | null;
	tag?: { text: string; tone: 'danger' | 'warning' | 'info' } | null;
	/** A sitting that will not take place stays listed (people ask), but greyed out. */
	muted?: boolean;
}

export interface PosterSection {
	heading: string | null;
	/** Width of the lead column: times under a day are wider than 时间/地点 labels. */
	leadWidth: number;
	rows: PosterRow[];
	/** Large key facts (an event's time and place) rather than a list. */
	large?: boolean;
	/** Said under the rows when some were left out. */
	more?: string | null;
}

export interface PosterContent {
	label: string;
	title: string;
	subtitle: string | null;
	banner: string | null;
	sections: PosterSection[];
	empty: string | null;
	footnote: string | null;
	qr: { dataUri: string; heading: string; caption: string; address: string };
}

export interface PosterNode {
	type: 'div' | 'img';
	props: { style?: Record<string, string | number>; children?: (PosterNode | string)[] | string; src?: string; width?: number; height?: number };
}

const COLOR = {
	brand: '#0b6e4f',
	brandDark: '#074c37',
	brandSoft: '#e3f2ec',
	text: '#1a1a1a',
	muted: '#4a4f55',
	border: '#c9d1d6',
	danger: '#a4161a',
	dangerSoft: '#fde8e8',
	warningSoft: '#fff4d6',
	warning: '#7a4f00'
} as const;

/** satori lays out every div with more than one child as flex, and insists it be said. */
function box(style: Record<string, string | number>, ...children: (PosterNode | string | null | false)[]): PosterNode {
	return { type: 'div', props: { style: { display: 'flex', ...style }, children: children.filter((c): c is PosterNode | string => Boolean(c)) } };
}

function text(style: Record<string, string | number>, value: string): PosterNode {
	return { type: 'div', props: { style, children: value } };
}

function tag(t: NonNullable<PosterRow['tag']>): PosterNode {
	const colors = {
		danger: { color: COLOR.danger, backgroundColor: COLOR.dangerSoft },
		warning: { color: COLOR.warning, backgroundColor: COLOR.warningSoft },
		info: { color: COLOR.brandDark, backgroundColor: COLOR.brandSoft }
	}[t.tone];
	return text({ ...colors, fontSize: 24, fontWeight: 700, padding: '2px 12px', borderRadius: 6, marginLeft: 12 }, t.text);
}

function row(r: PosterRow, section: PosterSection): PosterNode {
	const big = section.large === true;
	return box(
		{ flexDirection: 'row', padding: big ? '14px 0' : '12px 0', borderBottom: `1px solid ${COLOR.border}`, color: r.muted ? COLOR.muted : COLOR.text },
		text({ width: section.leadWidth, flexShrink: 0, fontSize: big ? 30 : 28, color: COLOR.muted, paddingTop: big ? 4 : 2 }, r.lead),
		box(
			{ flexDirection: 'column', flexGrow: 1, flexShrink: 1 },
			box(
				{ flexDirection: 'row', alignItems: 'center', flexWrap: 'wrap' },
				text({ fontSize: big ? 38 : 32, fontWeight: 700, lineHeight: 1.3, textDecoration: r.muted ? 'line-through' : 'none' }, r.main),
				r.tag ? tag(r.tag) : null
			),
			r.detail ? text({ fontSize: big ? 30 : 26, color: big ? COLOR.text : COLOR.muted, lineHeight: 1.4, marginTop: 2 }, r.detail) : null
		)
	);
}

function section(s: PosterSection): PosterNode {
	return box(
		{ flexDirection: 'column', marginTop: 24 },
		s.heading
			? text({ fontSize: 34, fontWeight: 700, color: COLOR.brandDark, paddingBottom: 8, borderBottom: `4px solid ${COLOR.brandSoft}` }, s.heading)
			: null,
		...s.rows.map((r) => row(r, s)),
		s.more ? text({ fontSize: 26, color: COLOR.muted, paddingTop: 10 }, s.more) : null
	);
}

export function posterTree(content: PosterContent): PosterNode {
	return box(
		{ flexDirection: 'column', width: POSTER_WIDTH, backgroundColor: '#ffffff', color: COLOR.text, fontFamily: POSTER_FONT_FAMILY },
		box(
			{ flexDirection: 'column', backgroundColor: COLOR.brand, color: '#ffffff', padding: '36px 40px 32px' },
			text({ fontSize: 30, fontWeight: 700, opacity: 0.9 }, content.label),
			text({ fontSize: 54, fontWeight: 700, lineHeight: 1.25, marginTop: 8 }, content.title),
			content.subtitle ? text({ fontSize: 34, lineHeight: 1.35, marginTop: 10 }, content.subtitle) : null
		),
		content.banner
			? text({ backgroundColor: COLOR.danger, color: '#ffffff', fontSize: 40, fontWeight: 700, padding: '18px 40px', lineHeight: 1.3 }, content.banner)
			: null,
		box(
			{ flexDirection: 'column', padding: '0 40px' },
			...content.sections.map(section),
			content.empty ? text({ fontSize: 34, color: COLOR.muted, marginTop: 32, lineHeight: 1.4 }, content.empty) : null,
			content.footnote ? text({ fontSize: 24, color: COLOR.muted, marginTop: 20, lineHeight: 1.4 }, content.footnote) : null
		),
		box(
			{ flexDirection: 'row', alignItems: 'center', backgroundColor: COLOR.brandSoft, padding: '32px 40px', marginTop: 32 },
			box(
				{ backgroundColor: '#ffffff', padding: 8, borderRadius: 8, flexShrink: 0 },
				{ type: 'img', props: { src: content.qr.dataUri, width: 232, height: 232 } }
			),
			box(
				{ flexDirection: 'column', marginLeft: 32, flexShrink: 1 },
				text({ fontSize: 38, fontWeight: 700, color: COLOR.brandDark }, content.qr.heading),
				text({ fontSize: 30, marginTop: 6, lineHeight: 1.35 }, content.qr.caption),
				text({ fontSize: 24, color: COLOR.muted, marginTop: 16, wordBreak: 'break-all', lineHeight: 1.35 }, content.qr.address),
				text({ fontSize: 24, color: COLOR.muted, marginTop: 8 }, m.app.fullName)
			)
		)
	);
}
