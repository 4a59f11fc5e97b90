"use client";
// "Move up" / "Move down" for one item of an ordered list. Focus follows the item it moved, so a
// keyboard user can press the same button again; at either end it passes to the other button. They
// are the way to reorder without dragging (drag-reorder.tsx adds the drag on top of them).
import { useEffect, useRef } from "react";

type MoveButtonsProps = {
  /** Names the item for screen readers ("Move Autumn up"). */
  itemLabel: string;
  index: number;
  count: number;
  onMove: (offset: -1 | 1) => void;
};

const buttonClass =
  "inline-flex size-9 items-center justify-center rounded-md border border-stone-300 bg-white text-stone-800 hover:bg-stone-50 disabled:cursor-not-allowed disabled:opacity-40";

export function MoveButtons({ itemLabel, index, count, onMove }: MoveButtonsProps) {
  const upRef = useRef<HTMLButtonElement>(null);
  const downRef = useRef<HTMLButtonElement>(null);
  const refocus = useRef<"up" | "down" | null>(null);
  const isFirst = index === 0;
  const isLast = index === count - 1;

  useEffect(() => {
    const wanted = refocus.current;
    if (!wanted) return;
    refocus.current = null;
    const target = wanted === "up" ? (isFirst ? downRef : upRef) : isLast ? upRef : downRef;
    target.current?.focus();
  }, [index, isFirst, isLast]);

  const move = (offset: -1 | 1) => {
    refocus.current = offset === -1 ? "up" : "down";
    onMove(offset);
  };

  return (
    <span className="inline-flex gap-1">
      <button ref={upRef} type="button" className={buttonClass} disabled={isFirst} aria-label={`Move ${itemLabel} up`} onClick={() => move(-1)}>
        <span aria-hidden="true">↑</span>
      </button>
      <button ref={downRef} type="button" className={buttonClass} disabled={isLast} aria-label={`Move ${itemLabel} down`} onClick={() => move(1)}>
        <span aria-hidden="true">↓</span>
      </button>
    </span>
  );
}
