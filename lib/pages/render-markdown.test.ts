import { describe, expect, it } from "vitest";
import { renderMarkdown, summariseMarkdown } from "./render-markdown";

describe("renderMarkdown", () => {
  it("renders headings (one level below the page's title), lists, emphasis and links", () => {
    const html = renderMarkdown("# Dispatch\n\n## Times\n\nWe send **most** orders in *three* days.\n\n- UK\n- Europe\n\n[Terms](/pages/terms)");
    expect(html).toContain("<h2>Dispatch</h2>");
    expect(html).toContain("<h3>Times</h3>");
    expect(html).toContain("<strong>most</strong>");
    expect(html).toContain("<em>three</em>");
    expect(html).toContain("<li>UK</li>");
    expect(html).toContain('<a href="/pages/terms">Terms</a>');
  });

  it("turns bare web addresses into links that give the other site no handle on the shop's window", () => {
    expect(renderMarkdown("See https://ico.org.uk for more.")).toContain('<a href="https://ico.org.uk" rel="noopener noreferrer">https://ico.org.uk</a>');
  });

  it("shows raw HTML as text: a <script> never runs and an <img onerror> is never an element", () => {
    const html = renderMarkdown('Hello <script>alert("x")</script>\n\n<img src=x onerror="alert(1)">\n\n<iframe src="https://evil.example"></iframe>');
    expect(html).not.toMatch(/<script|<img|<iframe/i);
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
  });

  it("leaves javascript:, vbscript: and data: links as plain text, never an href", () => {
    for (const href of ["javascript:alert(1)", "JavaScript:alert(1)", "java\tscript:alert(1)", "vbscript:msgbox(1)", "data:text/html,<script>alert(1)</script>", "&#106;avascript:alert(1)"]) {
      const html = renderMarkdown(`[click](${href}) and <${href}>`);
      expect(html, href).not.toMatch(/href="[^"]*script:/i);
      expect(html, href).not.toMatch(/href="data:/i);
      expect(html, href).not.toContain("<script");
    }
    expect(renderMarkdown("![x](javascript:alert(1))")).not.toContain("<img");
  });

  it("escapes attribute breakouts in link addresses and titles", () => {
    const html = renderMarkdown('[a](https://example.com/"onmouseover="alert(1) "t\\"itle")');
    expect(html).not.toMatch(/"\s*onmouseover=/);
  });
});

describe("summariseMarkdown", () => {
  it("takes the first paragraph as plain text, passing over the review note and headings", () => {
    const source = "> **Review this page** first.\n\n## Dispatch\n\nWe send **most** orders\nin [three days](/pages/x).\n\nMore.";
    expect(summariseMarkdown(source)).toBe("We send most orders in three days.");
  });

  it("cuts a long paragraph at a word, and gives nothing for a page without one", () => {
    const summary = summariseMarkdown(`${"wool ".repeat(60)}end`, 40);
    expect(summary.length).toBeLessThanOrEqual(40);
    expect(summary).toMatch(/^wool( wool)*…$/);
    expect(summariseMarkdown("# Only a heading")).toBe("");
  });
});

describe("renderMarkdown's headings", () => {
  it("keeps a body that starts at ## as it is", () => {
    expect(renderMarkdown("## Dispatch\n\n### Times")).toBe("<h2>Dispatch</h2>\n<h3>Times</h3>\n");
  });
});
