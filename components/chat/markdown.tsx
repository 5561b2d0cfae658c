import ReactMarkdown from "react-markdown";
import remarkBreaks from "remark-breaks";
import remarkGfm from "remark-gfm";

/**
 * Model output and deliverables as Markdown, a line break kept as one (a signature, an address): as
 * people type them, and as the exports and sent emails show them. react-markdown never renders raw HTML (it is shown as
 * text), so a hostile answer cannot inject markup or scripts; links open in a new tab without opener.
 */
export function Markdown({ text }: { text: string }) {
  return (
    <div className="markdown">
      <ReactMarkdown
        remarkPlugins={[remarkGfm, remarkBreaks]}
        components={{
          a: ({ href, children }) => (
            <a href={href} target="_blank" rel="noopener noreferrer nofollow">
              {children}
            </a>
          ),
          // a wide table scrolls sideways (.markdown table): the keyboard must be able to reach it
          table: ({ children }) => (
            // biome-ignore lint/a11y/noNoninteractiveTabindex: a table that scrolls must be reachable by keyboard (axe: scrollable-region-focusable)
            <table tabIndex={0}>{children}</table>
          ),
        }}
      >
        {text}
      </ReactMarkdown>
    </div>
  );
}
