// Producers and creators of editors, converters and "print to PDF": KVK does not make extracts with them,
// so a file that names one was most likely re-made or changed. Libraries that servers use to generate
// documents (iText, PDFBox, pdf-lib, Adobe PDF Library) are deliberately absent.
const EDITING_SOFTWARE: readonly [string, RegExp][] = [
  ['Microsoft Word', /\bmicrosoft\b.*\bword\b|\bword\s+for\b|^word\b/i],
  ['LibreOffice', /\blibreoffice\b/i],
  ['OpenOffice', /\bopenoffice\b/i],
  ['iLovePDF', /\bilovepdf\b/i],
  ['Smallpdf', /\bsmallpdf\b/i],
  ['Adobe Photoshop', /\bphotoshop\b/i],
  ['Adobe Acrobat', /\bacrobat\s+(?:pro|standard|dc|\d)/i],
  ['PDF-XChange', /\bpdf-?xchange\b/i],
  ['Foxit', /\bfoxit\b/i],
  ['Nitro', /\bnitro\s*(?:pdf|pro)\b/i],
  ['Sejda', /\bsejda\b/i],
  ['PDFescape', /\bpdfescape\b/i],
  ['PDF24', /\bpdf24\b/i],
  ['PDFelement', /\bpdfelement\b|\bwondershare\b/i],
  ['Soda PDF', /\bsoda\s*pdf\b/i],
  ['PDF Candy', /\bpdf\s*candy\b/i],
  ['Canva', /\bcanva\b/i],
  ['Google Docs', /\bgoogle\s+docs\b/i],
  ['macOS Quartz (Preview)', /\bquartz\s+pdfcontext\b/i],
  ['Microsoft Print to PDF', /\bprint\s+to\s+pdf\b/i],
  ['a web browser (Skia/PDF)', /\bskia\/pdf\b/i],
  ['GIMP', /\bgimp\b/i],
  ['Inkscape', /\binkscape\b/i],
  ['CutePDF', /\bcutepdf\b/i],
  ['PDFCreator', /\bpdfcreator\b/i],
];

/** The name of the editing or converting software a producer or creator string names, if any. */
export function editingSoftware(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  return EDITING_SOFTWARE.find(([, pattern]) => pattern.test(value))?.[0];
}
