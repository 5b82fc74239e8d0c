// mocks/spec-text.ts, the one escaping place for spec text, on the inputs that break each kind of place.
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

test("Markdown text renders as the same words: no HTML, mark, link, mention, reference or table cell of its own", () => {
  expect(markdownText("@team see #12 <img src=x> [a](https://e.example) www.e.example `c` | d *e* ~f~")).toBe(
    "@&#8203;team see #&#8203;12 &lt;img src=x&gt; \\[a\\]\\(https:&#8203;//e.example\\) w&#8203;ww.e.example \\`c\\` \\| d \\*e\\* \\~f\\~",
  );
});
