"use client";
// The email's HTML as the customer sees it, in a sandboxed frame as tall as the message, so nothing is cut off.
import { useCallback, useEffect, useRef, useState } from "react";

/** Until the frame has loaded (and if it cannot be measured), about a phone screen of the message shows. */
const FALLBACK_HEIGHT = 576;

export function EmailFrame({ html, title }: { html: string; title: string }) {
  const frame = useRef<HTMLIFrameElement>(null);
  const [height, setHeight] = useState<number | null>(null);

  const measure = useCallback(() => {
    // The root element's own box, not scrollHeight: that never drops below the frame's current
    // height, so the frame could grow when the window narrows but never shrink when it widens.
    const root = frame.current?.contentDocument?.documentElement;
    if (root) setHeight(Math.ceil(root.getBoundingClientRect().height));
  }, []);

  // The message reflows when the window narrows or widens (a phone turned, a sidebar closed).
  useEffect(() => {
    const node = frame.current;
    if (!node) return;
    const observer = new ResizeObserver(() => measure());
    observer.observe(node);
    return () => observer.disconnect();
  }, [measure]);

  return (
    // sandbox="allow-same-origin" without allow-scripts: no script in the email runs, no form submits,
    // and the page can still read the frame's height; its links open nowhere but the frame.
    <iframe
      ref={frame}
      title={title}
      srcDoc={html}
      sandbox="allow-same-origin"
      onLoad={measure}
      // content-box: the height set is the message's own, with the border drawn outside it.
      style={{ height: `${height ?? FALLBACK_HEIGHT}px`, boxSizing: "content-box" }}
      className="block w-full rounded-lg border border-stone-200 bg-white"
      data-testid="email-frame"
    />
  );
}
