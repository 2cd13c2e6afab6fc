import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { fontBytes } from './fonts.ts';

// A small writer for plain A4 documents (a letter, a report): headings, paragraphs that wrap,
// a boxed line for something to type over. Text is real text in an embedded font, so it can be
// selected, searched, read aloud and copied.

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 64;
const INK = rgb(0.1, 0.1, 0.1);

export type Block =
  | { kind: 'heading'; text: string; level?: 1 | 2 }
  | { kind: 'paragraph'; text: string; bold?: boolean }
  /** A short value that must be copied exactly (a code): large, bold, in a box. */
  | { kind: 'highlight'; label: string; value: string }
  | { kind: 'space'; size?: number };

export type DocumentInfo = { title: string; lang: string; author?: string };

const sizes = { 1: 22, 2: 16, body: 12, highlight: 20 } as const;

/** Splits text into lines no wider than `width`; a word longer than a line is split by letters. */
export function wrapText(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(candidate, size) <= width) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      line = word;
      while (font.widthOfTextAtSize(line, size) > width && line.length > 1) {
        let cut = line.length - 1;
        while (cut > 1 && font.widthOfTextAtSize(line.slice(0, cut), size) > width) cut--;
        lines.push(line.slice(0, cut));
        line = line.slice(cut);
      }
    }
    lines.push(line);
  }
  return lines;
}

class Writer {
  private page: PDFPage;
  private y: number;
  private readonly doc: PDFDocument;
  private readonly regular: PDFFont;
  private readonly bold: PDFFont;

  constructor(doc: PDFDocument, regular: PDFFont, bold: PDFFont) {
    this.doc = doc;
    this.regular = regular;
    this.bold = bold;
    this.page = doc.addPage(A4);
    this.y = A4[1] - MARGIN;
  }

  private get width() {
    return A4[0] - 2 * MARGIN;
  }

  /** Moves down by `height`, on a new page when it would not fit. */
  private room(height: number) {
    if (this.y - height >= MARGIN) return;
    this.page = this.doc.addPage(A4);
    this.y = A4[1] - MARGIN;
  }

  lines(text: string, font: PDFFont, size: number, gapAfter: number) {
    const lineHeight = size * 1.4;
    for (const line of wrapText(text, font, size, this.width)) {
      this.room(lineHeight);
      this.y -= lineHeight;
      this.page.drawText(line, { x: MARGIN, y: this.y + size * 0.3, size, font, color: INK });
    }
    this.y -= gapAfter;
  }

  block(b: Block) {
    if (b.kind === 'heading') this.lines(b.text, this.bold, sizes[b.level ?? 1], 10);
    else if (b.kind === 'paragraph') this.lines(b.text, b.bold ? this.bold : this.regular, sizes.body, 8);
    else if (b.kind === 'space') this.y -= b.size ?? 12;
    else {
      this.lines(b.label, this.regular, sizes.body, 2);
      const height = sizes.highlight * 1.9;
      this.room(height);
      this.page.drawRectangle({ x: MARGIN, y: this.y - height, width: this.width, height, borderColor: INK, borderWidth: 1.5 });
      this.page.drawText(b.value, { x: MARGIN + 12, y: this.y - height + sizes.highlight * 0.6, size: sizes.highlight, font: this.bold, color: INK });
      this.y -= height + 12;
    }
  }
}

/** An A4 PDF of the blocks, with the fonts embedded and the title and language set for readers. */
export async function renderDocument(info: DocumentInfo, blocks: Block[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const [regular, bold] = await Promise.all([
    fontBytes('regular').then((b) => doc.embedFont(b, { subset: true })),
    fontBytes('bold').then((b) => doc.embedFont(b, { subset: true })),
  ]);
  doc.setTitle(info.title, { showInWindowTitleBar: true });
  doc.setLanguage(info.lang);
  if (info.author) doc.setAuthor(info.author);
  doc.setProducer('hog-portaal');
  const writer = new Writer(doc, regular, bold);
  for (const b of blocks) writer.block(b);
  return doc.save();
}
