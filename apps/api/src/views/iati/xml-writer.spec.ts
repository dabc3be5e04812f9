import { attributeValue, element, text } from './xml-writer.js';

describe('the XML writer', () => {
  it('escapes markup in text, so a title cannot close its element', () => {
    expect(text('Fish & <chips> ]]>')).toBe('Fish &amp; &lt;chips&gt; ]]&gt;');
  });

  it('escapes quotes and keeps tabs and newlines in attribute values', () => {
    expect(attributeValue('a "b"\n\tc & d')).toBe('a &quot;b&quot;&#10;&#9;c &amp; d');
  });

  it('replaces the code points XML 1.0 forbids, and keeps any script, right-to-left and astral included', () => {
    expect(text('a\u0000b\u001Fc\uFFFFd\uD800')).toBe('a\uFFFDb\uFFFDc\uFFFDd\uFFFD');
    expect(text('الهجرة والتنمية · მიგრაცია · 𝕄')).toBe('الهجرة والتنمية · მიგრაცია · 𝕄');
  });

  it('writes xml:lang and other attributes in order, leaving out undefined ones', () => {
    expect(element('narrative', { 'xml:lang': 'ar', dir: undefined }, text('هجرة'))).toBe('<narrative xml:lang="ar">هجرة</narrative>');
  });

  it('closes an element with no content itself', () => {
    expect(element('activity-status', { code: 2 })).toBe('<activity-status code="2"/>');
  });
});
