"use client";
// Drag to reorder a list, on top of the Move up / Move down buttons (which stay: WCAG 2.5.7 asks for a
// way without dragging, and they are the keyboard's way). Pointer events rather than the HTML drag
// and drop API, so a finger on a phone drags as a mouse does: the handle captures the pointer, each
// move finds the row under it, and letting go moves the item there. Escape or a lost pointer cancels.
import { useEffect, useRef, useState, type PointerEvent } from "react";

/** The list with the item at `from` taken out and put back at `to`; the same list when either is outside it. */
export function moveTo<T>(items: readonly T[], from: number, to: number): T[] {
  const moved = [...items];
  if (from === to || from < 0 || to < 0 || from >= items.length || to >= items.length) return moved;
  const [item] = moved.splice(from, 1);
  moved.splice(to, 0, item!);
  return moved;
}

/**
 * The index of the row under a pointer at `y`: the row whose box holds it, or in a gap or past either
 * end, the nearest row. Taking that row's place is what a shopper of any sortable list expects.
 */
export function rowAt(boxes: readonly { top: number; bottom: number }[], y: number): number {
  let nearest = 0;
  let distance = Infinity;
  boxes.forEach((box, index) => {
    const away = y < box.top ? box.top - y : y > box.bottom ? y - box.bottom : 0;
    if (away < distance) {
      distance = away;
      nearest = index;
    }
  });
  return nearest;
}

type Drag = { from: number; to: number; pointerId: number };

/** How near the window's top or bottom edge a held row scrolls the page, and by how much a frame. */
const EDGE_PX = 48;
const SCROLL_STEP_PX = 12;

export type DropMark = "dragged" | "before" | "after" | null;

/**
 * `listRef` goes on the list whose direct children are the rows; `handleProps(index)` on each row's
 * handle; `markOf(index)` says how to draw a row while something is dragged. `onMove(from, to)` runs
 * once, when the item is let go somewhere new.
 */
export function useDragReorder<List extends HTMLElement>(onMove: (from: number, to: number) => void) {
  const listRef = useRef<List>(null);
  const [drag, setDrag] = useState<Drag | null>(null);
  const dragRef = useRef<Drag | null>(null);
  const update = (next: Drag | null) => {
    dragRef.current = next;
    setDrag(next);
  };

  const isDragging = drag !== null;
  const pointerY = useRef(0);

  useEffect(() => {
    if (!isDragging) return;
    const cancel = (event: KeyboardEvent) => {
      if (event.key === "Escape") update(null);
    };
    // A long list runs past the screen: held near its top or bottom edge, the page scrolls on, and
    // the row under the (still) pointer is looked for again.
    let frame = requestAnimationFrame(function scrollNearEdge() {
      const by = pointerY.current < EDGE_PX ? -SCROLL_STEP_PX : pointerY.current > window.innerHeight - EDGE_PX ? SCROLL_STEP_PX : 0;
      const current = dragRef.current;
      if (by !== 0 && current) {
        window.scrollBy(0, by);
        const to = rowUnder(pointerY.current);
        if (to !== current.to) update({ ...current, to });
      }
      frame = requestAnimationFrame(scrollNearEdge);
    });
    window.addEventListener("keydown", cancel);
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener("keydown", cancel);
    };
  }, [isDragging]);

  function rowUnder(clientY: number): number {
    const rows = Array.from(listRef.current?.children ?? []);
    return rowAt(
      rows.map((row) => row.getBoundingClientRect()),
      clientY,
    );
  }

  function handleProps(index: number) {
    return {
      onPointerDown(event: PointerEvent<HTMLElement>) {
        if (event.pointerType === "mouse" && event.button !== 0) return;
        event.preventDefault();
        event.currentTarget.setPointerCapture(event.pointerId);
        // Unknown until the pointer moves: a grip pressed near the window's edge must not scroll the page by itself.
        pointerY.current = Number.NaN;
        update({ from: index, to: index, pointerId: event.pointerId });
      },
      onPointerMove(event: PointerEvent<HTMLElement>) {
        const current = dragRef.current;
        if (!current || current.pointerId !== event.pointerId) return;
        pointerY.current = event.clientY;
        const to = rowUnder(event.clientY);
        if (to !== current.to) update({ ...current, to });
      },
      onPointerUp(event: PointerEvent<HTMLElement>) {
        const current = dragRef.current;
        if (!current || current.pointerId !== event.pointerId) return;
        const to = rowUnder(event.clientY);
        update(null);
        if (to !== current.from) onMove(current.from, to);
      },
      onPointerCancel: () => update(null),
      onLostPointerCapture: () => {
        if (dragRef.current) update(null);
      },
    };
  }

  function markOf(index: number): DropMark {
    if (!drag) return null;
    if (index === drag.from) return "dragged";
    if (index !== drag.to) return null;
    return drag.to > drag.from ? "after" : "before";
  }

  return { listRef, handleProps, markOf };
}

/** Classes that draw a row while a drag is on: the dragged row faded, a bar where it would land. */
export function dropMarkClass(mark: DropMark): string {
  if (mark === "dragged") return "opacity-50";
  if (mark === "before") return "drop-mark-before";
  if (mark === "after") return "drop-mark-after";
  return "";
}

/**
 * The grip a pointer drags a row by. Hidden from assistive technology and out of the tab order: the
 * Move buttons beside it do the same job for the keyboard and screen readers.
 */
export function DragHandle({ itemLabel, ...props }: { itemLabel: string } & ReturnType<ReturnType<typeof useDragReorder>["handleProps"]>) {
  return (
    <span
      {...props}
      aria-hidden="true"
      data-drag-handle={itemLabel}
      title={`Drag ${itemLabel} to a new place`}
      className="inline-flex h-9 w-7 shrink-0 cursor-grab sm:w-9 touch-none select-none items-center justify-center rounded-md text-stone-600 hover:bg-stone-100 active:cursor-grabbing"
    >
      <svg viewBox="0 0 10 16" width="10" height="16" fill="currentColor">
        {[3, 8, 13].flatMap((cy) => [2, 8].map((cx) => <circle key={`${cx}-${cy}`} cx={cx} cy={cy} r="1.5" />))}
      </svg>
    </span>
  );
}
