import { describe, expect, it } from 'vitest';
import { extractText, getDocumentProxy } from 'unpdf';
import { PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import { renderDocument, type Block } from '../../src/lib/server/pdf/index.ts';

async function text(bytes: Uint8Array): Promise<{ pages: number; text: string }> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const { totalPages, text } = await extractText(pdf, { mergePages: true });
  return { pages: totalPages, text };
}

describe('PDF documents', () => {
  it('are A4 with selectable text in an embedded font, Dutch letters included', async () => {
    const bytes = await renderDocument({ title: 'Brief', lang: 'nl-NL' }, [
      { kind: 'heading', text: 'Bevestig je aanmelding' },
      { kind: 'paragraph', text: 'Hoi Anaïs, dit is een café-brief met ë en é.' },
      { kind: 'highlight', label: 'Je code', value: 'HOG-ABC234' },
    ]);
    const header = new TextDecoder('latin1').decode(bytes.slice(0, 8));
    expect(header).toBe('%PDF-1.7');
    const parsed = await PDFDocument.load(bytes);
    expect(parsed.getPage(0).getSize()).toEqual({ width: 595.28, height: 841.89 });
    // The font travels inside the file: a font descriptor with the font program in it.
    const descriptors = parsed.context
      .enumerateIndirectObjects()
      .map(([, object]) => object)
      .filter((o): o is PDFDict => o instanceof PDFDict && o.get(PDFName.of('Type')) === PDFName.of('FontDescriptor'));
    expect(descriptors.length).toBe(2);
    for (const d of descriptors) expect(d.has(PDFName.of('FontFile2')) || d.has(PDFName.of('FontFile3'))).toBe(true);
    const { text: found, pages } = await text(bytes);
    expect(pages).toBe(1);
    expect(found).toContain('Bevestig je aanmelding');
    expect(found).toContain('Anaïs');
    expect(found).toContain('HOG-ABC234');
  });

  it('wraps long paragraphs and goes on to a new page instead of running off the paper', async () => {
    const long: Block = { kind: 'paragraph', text: 'Een zin die steeds terugkomt om de pagina te vullen. '.repeat(40) };
    const bytes = await renderDocument(
      { title: 'Lang', lang: 'nl-NL' },
      Array.from({ length: 6 }, () => long),
    );
    const { pages, text: found } = await text(bytes);
    expect(pages).toBeGreaterThan(1);
    expect(found.match(/terugkomt/g)?.length).toBe(240);
  });

  it('splits a word longer than a line rather than letting it overflow', async () => {
    const word = 'x'.repeat(400);
    const { text: found } = await text(await renderDocument({ title: 'Woord', lang: 'nl-NL' }, [{ kind: 'paragraph', text: word }]));
    expect(found.replace(/\s/g, '')).toBe(word);
  });
});
