// Plain A4 PDFs with an embedded font: see document.ts.
export { renderDocument, wrapText, type Block, type DocumentInfo } from './document.ts';
