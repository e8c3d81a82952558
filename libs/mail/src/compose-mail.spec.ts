import { type Block, composeMail } from './compose-mail';

const HOSTILE = `<script>alert('x')</script> & "q"`;
const ESCAPED = '&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;';

function mail(...paragraphs: Block[][]) {
  return composeMail({ subject: 'Subject', greeting: 'Hello,', paragraphs });
}

/** The inner HTML of each <p>, in order. */
function htmlParagraphs(html: string): string[] {
  return [...html.matchAll(/<p style="margin:0 0 16px">(.*?)<\/p>/g)].map((m) => m[1] ?? '');
}

describe(composeMail.name, () => {
  it('lays out the text part: greeting, paragraphs apart by a blank line, blocks on lines, signature', () => {
    const { subject, text } = mail(
      ['First line.', ['Second ', { strong: 'line' }, ' of ', { strong: 'Acme', quoted: true }, '.']],
      ['Open this:'],
      [{ url: 'https://x.example/a?b=1&c=2' }],
    );
    expect(subject).toBe('Subject');
    expect(text).toBe(
      [
        'Hello,',
        '',
        'First line.',
        'Second line of "Acme".',
        '',
        'Open this:',
        '',
        'https://x.example/a?b=1&c=2',
        '',
        'eConnect Support',
      ].join('\n'),
    );
  });

  it('lays out the HTML part: a <p> a paragraph, lines run on, other blocks after a line break', () => {
    const { html } = mail(
      ['First line.', ['Second ', { strong: 'line' }, ' of ', { strong: 'Acme', quoted: true }, '.']],
      ['Items:', { list: ['a', 'b'] }, 'After.'],
      [{ url: 'https://x.example/a?b=1&c=2' }],
    );
    expect(html.startsWith('<!doctype html><html><body style="font-family:Arial,sans-serif;')).toBe(true);
    expect(html.endsWith('\n</body></html>')).toBe(true);
    expect(htmlParagraphs(html)).toEqual([
      'Hello,',
      'First line. Second <strong>line</strong> of <strong>Acme</strong>.',
      'Items:<br>• a<br>• b<br>After.',
      '<a href="https://x.example/a?b=1&amp;c=2">https://x.example/a?b=1&amp;c=2</a>',
      'eConnect Support',
    ]);
  });

  it('escapes every value in the HTML part, whatever block it is in', () => {
    const { html, text } = composeMail({
      subject: HOSTILE,
      greeting: `Dear ${HOSTILE},`,
      paragraphs: [
        [HOSTILE, [HOSTILE, { strong: HOSTILE }, { strong: HOSTILE, quoted: true }]],
        [{ quote: `${HOSTILE}\n<img src=x onerror=alert(1)>` }],
        [{ list: [HOSTILE, '<b>Evil</b> B.V.'] }],
        [{ code: '<b>1234</b>' }],
        [{ url: 'https://x.example/"><script>alert(1)</script>' }],
      ],
    });
    expect(html).not.toMatch(/<(script|img|b>)/);
    expect(html).not.toMatch(/&(?!(amp|lt|gt|quot|#39);)/);
    // The greeting, the line, the three inline parts, the quote and the list item.
    expect(html.split(ESCAPED)).toHaveLength(8);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('• &lt;b&gt;Evil&lt;/b&gt; B.V.');
    expect(html).toContain('&lt;b&gt;1234&lt;/b&gt;');
    expect(html).toContain(
      '<a href="https://x.example/&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;">https://x.example/&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;</a>',
    );
    // The subject and the text part are plain text: nothing is escaped there.
    expect(text).toContain(`Dear ${HOSTILE},`);
    expect(text).toContain(`${HOSTILE}${HOSTILE}"${HOSTILE}"`);
  });

  it('puts a link and a code on lines of their own, even within a paragraph', () => {
    const { text } = mail([
      'Your code:',
      { code: '04718293' },
      'Open:',
      { url: 'http://x.example/r' },
      'End.',
    ]);
    expect(text).toContain('Your code:\n04718293\nOpen:\nhttp://x.example/r\nEnd.');
  });

  it('keeps every value on its line in the text part, so none can stand in for a code or a link', () => {
    const { text, html, subject } = composeMail({
      subject: 'Case\r\nBcc: x@example.com',
      greeting: 'Dear Bram\n12345678,',
      paragraphs: [[['A ', { strong: 'b\n\n c' }], { list: ['one\r\ntwo'] }], [{ code: '12345678' }]],
    });
    expect(text.split('\n').filter((line) => line.includes('12345678'))).toEqual([
      'Dear Bram 12345678,',
      '12345678',
    ]);
    expect(text).toContain('A b c\n- one two');
    expect(html).toContain('<strong>b c</strong>');
    expect(subject).toBe('Case Bcc: x@example.com');
  });

  it('refuses a link or a code that could not stand alone on its line, and a link that is not http(s)', () => {
    expect(() => mail([{ url: 'https://x.example/a b' }])).toThrow(RangeError);
    expect(() => mail([{ url: 'https://x.example/a\nb' }])).toThrow(RangeError);
    expect(() => mail([{ url: 'javascript:alert(1)' }])).toThrow(RangeError);
    expect(() => mail([{ url: '' }])).toThrow(RangeError);
    expect(() => mail([{ code: '1234 5678' }])).toThrow(RangeError);
    expect(() => mail([{ code: '12345678\nx' }])).toThrow(RangeError);
  });

  it('quotes someone’s words behind "> " in the text part, line by line', () => {
    const { text } = mail([{ quote: '  The scan is unreadable.\r\nPlease send the PDF.\n\nThanks ' }]);
    expect(text).toContain('\n\n> The scan is unreadable.\n> Please send the PDF.\n>\n> Thanks\n\n');
  });

  it('quotes someone’s words in the HTML part: escaped, line breaks kept, set off by a bar', () => {
    const { html } = mail([{ quote: '<script>x</script>\nsecond line' }]);
    expect(htmlParagraphs(html)[1]).toBe(
      '<span style="display:block;border-left:3px solid #c5cad3;padding-left:12px;color:#4a5263">&lt;script&gt;x&lt;/script&gt;<br>second line</span>',
    );
  });

  it('shows a code large in the HTML part', () => {
    expect(htmlParagraphs(mail([{ code: '04718293' }]).html)[1]).toBe(
      '<strong style="font-family:monospace;font-size:24px;letter-spacing:4px">04718293</strong>',
    );
  });

  it('leaves out a list without items, and a paragraph left empty', () => {
    const { text, html } = mail(['Before.', { list: [] }], [{ list: [] }], ['After.']);
    expect(text).toBe('Hello,\n\nBefore.\n\nAfter.\n\neConnect Support');
    expect(htmlParagraphs(html)).toEqual(['Hello,', 'Before.', 'After.', 'eConnect Support']);
  });
});
