"use client";
// Erase a customer's personal data, behind a dialog that names the person so the wrong one is never erased.
import { ActionDialog } from "../../orders/_components/action-dialog";
import { postAdminJson } from "../../orders/_components/post-admin-json";

export function EraseCustomerButton({ customerId, name, email }: { customerId: number; name: string; email: string }) {
  const who = name ? `${name} (${email})` : email;
  return (
    <ActionDialog
      buttonLabel="Erase personal data"
      isDestructive
      title={`Erase ${who}?`}
      description={
        <>
          <p>
            Their name, email, phone and addresses are removed from the customer record, their orders, the order history and
            the emails sent to them. Order numbers, items and amounts stay for the accounts.
          </p>
          <p className="mt-2 font-medium">This cannot be undone. Download their data first if they asked for a copy.</p>
        </>
      }
      confirmLabel="Erase for good"
      successMessage="Personal data erased."
      submit={() => postAdminJson(`/api/admin/customers/${customerId}/erase`, {})}
    />
  );
}
