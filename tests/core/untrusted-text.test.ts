// core/untrusted-text.ts, the one escaping place for text from outside, on the inputs that break each kind of place.
import { commentText, docText, identifier, inertSource, markdownText, sourceLiteral, terminalText } from "../../core/untrusted-text";

test("a literal is JSON with U+2028/2029 escaped, and evaluates back to the same value", () => {
  const value = { text: "a\u2028b\u2029c\"'`${x}*/</script>" };
  const literal = sourceLiteral(value);
  expect(literal).not.toMatch(/[\u2028\u2029]/);
  expect(new Function(`return ${literal};`)()).toEqual(value);
});

test("comment text cannot close the comment, open another, break the line or start a tag", () => {
  const text = commentText("a */ b /* c\nd\u2028e @include x {@link y} <b>");
  expect(text).toBe("a *\\/ b /\\* c d e \\@include x {\\@link y} &lt;b&gt;");
  expect(docText("one\r\ntwo")).toBe("one\ntwo");
});

test("an identifier is made of [A-Za-z0-9] only and starts with a letter", () => {
  expect(identifier("get", "/user/credits-info/{id}")).toBe("getUserCreditsInfoId");
  expect(identifier("", "1 ünï */")).toBe("_1N");
});

test("generated source keeps its values but loses raw controls, separators and bidi characters", () => {
  const code = 'const a = "x\u2028y\u202e\u0085"; // z';
  const inert = inertSource(code);
  expect(inert).not.toMatch(/[\u2028\u202e\u0085]/);
  expect(new Function(`${inert}\nreturn a;`)()).toBe("x\u2028y\u202e\u0085");
});

test("terminal text loses escape sequences whole (CSI, OSC hyperlinks, 8-bit CSI), other controls and line breaks", () => {
  expect(terminalText("a\u001b[31mred\u001b[0m \u001b]8;;https://x\u0007link\u001b]8;;\u0007 \u009b2Jb\nc\u2028d\u202ee\u0007")).toBe("ared link b c de");
});

/** markdown-it as GitHub renders a comment or PR body: raw HTML passes, bare URLs and www. become links. */
const MarkdownIt = require("markdown-it") as new (options: { html: boolean; linkify: boolean }) => { render(text: string): string };
const markdown = new MarkdownIt({ html: true, linkify: true });
/** The text a reader sees in rendered HTML: entities read back, zero-width spaces (invisible) dropped. */
const seen = (html: string) =>
  html.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&amp;/g, "&").replace(/\u200b/g, "");

test.each([
  ["marks, HTML, links, images, code and strikes", "@team see #12 <img src=x> [a](https://e.example) www.e.example `c` | d *e* ~~f~~ _g_ ![i](j) &amp; \\*"],
  ["a reference definition and an autolink", "[r]: https://x.example <https://y.example>"],
  ["a table", "a | b\n--- | ---\nc | d"],
  ["a heading, a list and a quote", "# h\n- item\n> quote"],
  ["a list or a rule where the text begins", "- item"],
  ["an ordered list where the text begins", "12. item"],
  ["a rule", "---"],
  ["indented code", "    code"],
])("Markdown text renders as the same words (%s): one paragraph with no element, link, mention or reference of its own", (_name, input) => {
  const html = markdown.render(markdownText(input));
  // Rendered by a Markdown renderer, not compared with a hand-written string: one paragraph, and nothing in it.
  expect(html.match(/<\/?[a-z][^>]*>/gi)).toEqual(["<p>", "</p>"]);
  const words = seen(html.replace(/<\/?p>/g, "").trim());
  // The same words a reader typed (a line break is a space, leading blanks go: the text is one line wherever it lands).
  expect(words).toBe(input.replace(/\n/g, " ").trimStart());
  // GitHub's own links, which markdown-it does not make: mentions and issue references are broken by a zero-width space.
  expect(html.replace(/&[a-z]+;/g, "")).not.toMatch(/@\w|#\d/);
});
