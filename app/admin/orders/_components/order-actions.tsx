"use client";
// The order page's actions: fulfil, hold / release / delivered, cancel, refund and notes, each behind a confirmation.
import { useState } from "react";
import { Field, inputClass } from "../../_components/form-field";
import { ActionDialog } from "./action-dialog";
import type { RefundableLine } from "@/lib/orders/refund-order";
import { postAdminJson } from "./post-admin-json";
import { RefundDialog } from "./refund-dialog";

export type OrderActionsProps = {
  orderId: number;
  orderNumber: string;
  currency: string;
  carriers: readonly string[];
  fulfilRefusal: string | null;
  isShipped: boolean;
  tracking: { carrier: string | null; trackingNumber: string | null; trackingUrl: string | null };
  canCancel: boolean;
  isPaid: boolean;
  refundable: number;
  shippingRefund: number;
  refundLines: RefundableLine[];
  manualStatuses: ("processing" | "on_hold" | "delivered")[];
  isOnHold: boolean;
  /** One parcel per customer: linked orders that can ship now with this one (the fulfil dialog offers them). */
  linkedToShip?: string[];
};

const text = (form: FormData, name: string) => String(form.get(name) ?? "");

export function OrderActions(props: OrderActionsProps) {
  const [announcement, setAnnouncement] = useState("");
  const base = `/api/admin/orders/${props.orderId}`;
  const canFulfil = props.fulfilRefusal === null;

  return (
    <section aria-labelledby="actions-heading" className="rounded-lg border border-stone-200 bg-white p-4">
      <h2 id="actions-heading" className="font-semibold">
        Actions
      </h2>
      <p role="status" className="min-h-5 text-sm text-brand-900">
        {announcement}
      </p>
      {!canFulfil ? <p className="mb-3 text-sm text-stone-700">{props.fulfilRefusal}</p> : null}
      <div className="flex flex-wrap gap-2">
        {canFulfil ? (
          <ActionDialog
            buttonLabel={props.isShipped ? "Correct tracking" : "Fulfil order"}
            title={props.isShipped ? `Correct the tracking of ${props.orderNumber}` : `Ship ${props.orderNumber}`}
            description={
              props.isShipped
                ? "The shopper already has their shipping email; a correction does not send another."
                : "The order is marked shipped and the shopper gets the shipping confirmation with this tracking."
            }
            confirmLabel={props.isShipped ? "Save tracking" : "Mark as shipped"}
            successMessage={props.isShipped ? "Tracking updated." : "Order marked as shipped."}
            onSuccess={setAnnouncement}
            submit={(form) =>
              postAdminJson(`${base}/fulfill`, {
                carrier: text(form, "carrier"),
                trackingNumber: text(form, "trackingNumber"),
                trackingUrl: text(form, "trackingUrl") || null,
                withLinked: form.get("withLinked") === "on",
              })
            }
            fields={(errors, id) => (
              <>
                <Field id={`${id}-carrier`} label="Carrier" error={errors.carrier}>
                  {(control) => (
                    <select
                      name="carrier"
                      defaultValue={props.tracking.carrier ?? props.carriers[0]}
                      {...control}
                      className={inputClass}
                    >
                      {props.carriers.map((carrier) => (
                        <option key={carrier}>{carrier}</option>
                      ))}
                    </select>
                  )}
                </Field>
                <Field id={`${id}-tracking`} label="Tracking number" error={errors.trackingNumber}>
                  {(control) => (
                    <input
                      name="trackingNumber"
                      required
                      autoComplete="off"
                      defaultValue={props.tracking.trackingNumber ?? ""}
                      {...control}
                      className={inputClass}
                    />
                  )}
                </Field>
                <Field id={`${id}-url`} label="Tracking link (optional)" hint="Leave empty to use the carrier's own tracking page." error={errors.trackingUrl}>
                  {(control) => (
                    <input
                      name="trackingUrl"
                      type="url"
                      inputMode="url"
                      defaultValue={props.tracking.trackingUrl ?? ""}
                      {...control}
                      className={inputClass}
                    />
                  )}
                </Field>
                {!props.isShipped && props.linkedToShip?.length ? (
                  <div className="flex items-start gap-2">
                    <input id={`${id}-linked`} name="withLinked" type="checkbox" defaultChecked className="mt-1 size-4" />
                    <label htmlFor={`${id}-linked`} className="text-sm">
                      Also ship {props.linkedToShip.join(", ")} in this parcel, with the same tracking and one email
                    </label>
                  </div>
                ) : null}
              </>
            )}
          />
        ) : null}

        {props.manualStatuses.includes("on_hold") ? (
          <ActionDialog
            buttonLabel="Put on hold"
            title={`Put ${props.orderNumber} on hold`}
            description="A held order is not shipped until you release it."
            confirmLabel="Put on hold"
            successMessage="Order put on hold."
            onSuccess={setAnnouncement}
            submit={(form) => postAdminJson(`${base}/status`, { status: "on_hold", reason: text(form, "reason") })}
            fields={(errors, id) => (
              <Field id={`${id}-reason`} label="Why" error={errors.reason}>
                {(control) => (
                  <input name="reason" required {...control} className={inputClass} />
                )}
              </Field>
            )}
          />
        ) : null}
        {props.isOnHold && props.manualStatuses.includes("processing") ? (
          <ActionDialog
            buttonLabel="Release hold"
            title={`Release the hold on ${props.orderNumber}`}
            description="The order goes back to the orders to fulfil."
            confirmLabel="Release hold"
            successMessage="Hold released."
            onSuccess={setAnnouncement}
            submit={(form) => postAdminJson(`${base}/status`, { status: "processing", reason: text(form, "reason") || null })}
            fields={(errors, id) => (
              <Field id={`${id}-reason`} label="Note (optional)" error={errors.reason}>
                {(control) => (
                  <input name="reason" {...control} className={inputClass} />
                )}
              </Field>
            )}
          />
        ) : null}
        {props.manualStatuses.includes("delivered") ? (
          <ActionDialog
            buttonLabel="Mark delivered"
            title={`Mark ${props.orderNumber} as delivered`}
            confirmLabel="Mark delivered"
            successMessage="Order marked as delivered."
            onSuccess={setAnnouncement}
            submit={() => postAdminJson(`${base}/status`, { status: "delivered" })}
          />
        ) : null}

        {props.refundable > 0 ? (
          <RefundDialog
            orderId={props.orderId}
            orderNumber={props.orderNumber}
            currency={props.currency}
            refundable={props.refundable}
            shippingRefund={props.shippingRefund}
            lines={props.refundLines}
            onSuccess={setAnnouncement}
          />
        ) : null}

        {props.canCancel ? (
          <ActionDialog
            buttonLabel="Cancel order"
            isDestructive
            title={`Cancel ${props.orderNumber}?`}
            description={
              props.isPaid ? "Cancelling does not return the money: refund the payment as well if the shopper should get it back." : "The order will not be shipped."
            }
            confirmLabel="Cancel order"
            successMessage="Order cancelled."
            onSuccess={setAnnouncement}
            submit={(form) => postAdminJson(`${base}/cancel`, { restock: form.get("restock") === "on", reason: text(form, "reason") || null })}
            fields={(errors, id) => (
              <>
                <div className="flex items-start gap-2">
                  <input id={`${id}-restock`} name="restock" type="checkbox" defaultChecked className="mt-1 size-4" />
                  <label htmlFor={`${id}-restock`} className="text-sm">
                    Put the items back in stock
                  </label>
                </div>
                <Field id={`${id}-reason`} label="Reason (optional)" error={errors.reason}>
                  {(control) => (
                    <input name="reason" {...control} className={inputClass} />
                  )}
                </Field>
              </>
            )}
          />
        ) : null}

        <ActionDialog
          buttonLabel="Add note"
          title={`Note on ${props.orderNumber}`}
          description="Notes are for you only; the shopper never sees them."
          confirmLabel="Add note"
          successMessage="Note added."
          onSuccess={setAnnouncement}
          submit={(form) => postAdminJson(`${base}/notes`, { note: text(form, "note") })}
          fields={(errors, id) => (
            <Field id={`${id}-note`} label="Note" error={errors.note}>
              {(control) => (
                <textarea name="note" rows={3} required {...control} className={inputClass} />
              )}
            </Field>
          )}
        />
      </div>
    </section>
  );
}
