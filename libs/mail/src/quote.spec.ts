import { quoteHtml, quoteText } from './quote';

describe(quoteText.name, () => {
  it('puts every line behind "> "', () => {
    expect(quoteText('  The scan is unreadable.\r\nPlease send the PDF.\n\nThanks ')).toBe(
      '> The scan is unreadable.\n> Please send the PDF.\n>\n> Thanks',
    );
  });
});

describe(quoteHtml.name, () => {
  it('escapes the text and keeps its line breaks', () => {
    const html = quoteHtml('<script>x</script>\nsecond line');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;x&lt;/script&gt;<br>second line');
  });
});
