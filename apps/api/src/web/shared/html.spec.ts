import { html, queryString, raw } from './html';

describe('html', () => {
  it('escapes every value, so input never becomes markup', () => {
    const name = `<script>alert("x")</script> & 'Co'`;
    expect(html`<p title="${name}">${name}</p>`.markup).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Co&#39;">' +
        '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Co&#39;</p>',
    );
  });

  it('keeps markup made by html or raw as it is, also in lists, and prints nothing for nothing', () => {
    const items = ['a<b', 'c'].map((item) => html`<li>${item}</li>`);
    // prettier-ignore
    expect(html`<ul>${items}</ul>`.markup).toBe('<ul><li>a&lt;b</li><li>c</li></ul>');
    expect(html`${null}${undefined}${false}${0}${raw('<hr>')}`.markup).toBe('0<hr>');
  });
});

describe('queryString', () => {
  it('encodes the values that are set and leaves out the rest', () => {
    expect(queryString({ q: 'a b&c', cursor: undefined, lang: '', page: 2, overdue: false })).toBe(
      '?q=a+b%26c&page=2&overdue=false',
    );
    expect(queryString({ q: undefined })).toBe('');
  });
});
