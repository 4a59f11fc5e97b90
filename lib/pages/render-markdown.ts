// The owner's Markdown as HTML, for the storefront's pages and the admin's preview alike.
import MarkdownIt from "markdown-it";

/**
 * `html: false` escapes any HTML typed into a page, so a pasted <script> or <img onerror> shows as
 * text; markdown-it's own link check refuses javascript:, vbscript: and file: addresses (and data:
 * ones other than pictures), which then stay as plain text.
 */
const markdown = new MarkdownIt({ html: false, linkify: true, breaks: false });

// The page's title is its one h1: a body that uses "# Heading" has all its headings moved one level
// down, so the outline stays whole (h1, h2, h3) either way.
markdown.core.ruler.push("demote_headings", (state) => {
  const headings = state.tokens.filter((token) => token.type === "heading_open" || token.type === "heading_close");
  if (!headings.some((token) => token.tag === "h1")) return;
  for (const token of headings) token.tag = `h${Math.min(Number(token.tag.slice(1)) + 1, 6)}`;
});

// Links to other sites open normally but give that site no handle on this window.
const renderLinkOpen = markdown.renderer.rules.link_open ?? ((tokens, index, options, _env, self) => self.renderToken(tokens, index, options));
markdown.renderer.rules.link_open = (tokens, index, options, env, self) => {
  const token = tokens[index]!;
  if (/^https?:\/\//i.test(token.attrGet("href") ?? "")) token.attrSet("rel", "noopener noreferrer");
  return renderLinkOpen(tokens, index, options, env, self);
};

export function renderMarkdown(source: string): string {
  return markdown.render(source);
}

/**
 * The first paragraph as plain text, for a search result's description: a quote (the review note the
 * default pages open with) and headings are passed over. Empty when there is no paragraph.
 */
export function summariseMarkdown(source: string, maxLength = 160): string {
  const tokens = markdown.parse(source, {});
  let quoteDepth = 0;
  for (const [index, token] of tokens.entries()) {
    if (token.type === "blockquote_open") quoteDepth += 1;
    if (token.type === "blockquote_close") quoteDepth -= 1;
    if (token.type !== "paragraph_open" || quoteDepth > 0) continue;
    const text = (tokens[index + 1]?.children ?? [])
      .map((child) => (child.type === "text" || child.type === "code_inline" ? child.content : child.type === "softbreak" || child.type === "hardbreak" ? " " : ""))
      .join("")
      .replace(/\s+/g, " ")
      .trim();
    if (!text) continue;
    return text.length <= maxLength ? text : `${text.slice(0, maxLength - 1).replace(/\s+\S*$/, "")}…`;
  }
  return "";
}
