// The legal trader details as one block of text: the footer and the Terms page show the same words.
import type { TraderDetails } from "@/lib/settings/trader-details";

export function TraderDetailsText({ trader, className = "" }: { trader: TraderDetails; className?: string }) {
  return (
    <div className={className} data-testid="trader-details">
      <p className="font-medium text-stone-800">{trader.name}</p>
      {trader.addressLines.length > 0 ? (
        <address className="not-italic">
          {trader.addressLines.map((line, index) => (
            <span key={index} className="block">
              {line}
            </span>
          ))}
        </address>
      ) : null}
      {trader.companyNumber ? <p>Company number {trader.companyNumber}</p> : null}
      {trader.vatNumber ? <p>VAT number {trader.vatNumber}</p> : null}
    </div>
  );
}
