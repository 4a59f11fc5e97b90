// The owner's Markdown as HTML, for the storefront's pages and the admin's preview alike.
import MarkdownIt from "markdown-it";

/**
 * `html: false` escapes any HTML typed into a page, so a pasted <script> or <img onerror> shows as
 * text; markdown-it's own link check refuses javascript:, vbscript: and file: addresses (and data:
 * ones other than pictures), which then stay as plain text.
 */
const markdown = new MarkdownIt({ html: false, linkify: true, breaks: false });

// The page's title is its one h1: a "# Heading" in the body becomes an h2, and so on down.
markdown.core.ruler.push("demote_headings", (state) => {
  for (const token of state.tokens) {
    if (token.type !== "heading_open" && token.type !== "heading_close") continue;
    const level = Math.min(Number(token.tag.slice(1)) + 1, 6);
    token.tag = `h${level}`;
  }
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
