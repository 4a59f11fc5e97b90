// A price in the store's currency, with the compare-at price struck through when it is a reduction.
import { formatMoney } from "@/lib/money";

type PriceProps = {
  amount: number;
  currency: string;
  compareAt?: number | null;
  /** "from £18.00" when the variants' prices differ. */
  isFrom?: boolean;
  size?: "sm" | "lg";
};

export function Price({ amount, currency, compareAt, isFrom = false, size = "sm" }: PriceProps) {
  const isReduced = compareAt !== null && compareAt !== undefined && compareAt > amount;
  const amountClass = size === "lg" ? "text-2xl font-semibold" : "font-medium";
  return (
    <span className="inline-flex flex-wrap items-baseline gap-x-2">
      <span className={`${amountClass} ${isReduced ? "text-red-800" : "text-stone-900"}`}>
        {isFrom ? <span className="text-sm font-normal text-stone-600">from </span> : null}
        {isReduced ? <span className="sr-only">Now </span> : null}
        {formatMoney(amount, currency)}
      </span>
      {isReduced ? (
        <s className={size === "lg" ? "text-base text-stone-500" : "text-sm text-stone-500"}>
          <span className="sr-only">Was </span>
          {formatMoney(compareAt, currency)}
        </s>
      ) : null}
    </span>
  );
}
