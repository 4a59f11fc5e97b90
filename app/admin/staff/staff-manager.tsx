"use client";
// The staff list and the add form; a new account's set-password link is shown once, with a copy button.
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import type { AdminAccount } from "@/lib/auth/admin-accounts";
import { callAdminApi, fieldErrorsOf } from "../_components/admin-api";
import { ConfirmActionButton } from "../_components/confirm-action-button";
import { Field, FormProblem, inputClass, primaryButtonClass, secondaryButtonClass } from "../_components/form-field";

type Created = { account: AdminAccount; setPasswordUrl: string; expiresAt: string };

export function StaffManager({ accounts, selfId }: { accounts: AdminAccount[]; selfId: string }) {
  const router = useRouter();
  const [form, setForm] = useState({ email: "", name: "", role: "staff" });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [created, setCreated] = useState<Created | null>(null);
  const [copied, setCopied] = useState(false);
  const [isBusy, setIsBusy] = useState(false);

  async function add(event: FormEvent) {
    event.preventDefault();
    setIsBusy(true);
    const result = await callAdminApi<Created>("/api/admin/staff", { method: "POST", body: form });
    setIsBusy(false);
    if (!result.ok) {
      setErrors(fieldErrorsOf(result.error));
      setProblem(result.error.message);
      return;
    }
    setErrors({});
    setProblem(null);
    setCopied(false);
    setCreated(result.data);
    setForm({ email: "", name: "", role: "staff" });
    router.refresh();
  }

  async function toggle(account: AdminAccount) {
    const result = await callAdminApi(`/api/admin/staff/${account.id}`, { method: "PATCH", body: { disabled: !account.disabled } });
    setProblem(result.ok ? null : result.error.message);
    router.refresh();
  }

  async function copy(url: string) {
    await navigator.clipboard.writeText(url).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  }

  return (
    <div className="space-y-6">
      <FormProblem message={problem} />
      {created ? (
        <section aria-labelledby="new-link" className="rounded-lg border border-brand-200 bg-brand-50 p-4">
          <h2 id="new-link" className="font-semibold text-brand-900">
            Send this link to {created.account.name}
          </h2>
          <p className="mt-1 text-sm text-stone-700">
            It is shown only now, works once, and expires on {new Date(created.expiresAt).toLocaleString("en-GB")}. Through it they choose their password, then sign in with {created.account.email}.
          </p>
          <label htmlFor="set-password-link" className="mt-3 block text-sm font-medium text-stone-800">
            Set-password link
          </label>
          <div className="mt-1 flex flex-col gap-2 sm:flex-row">
            <input id="set-password-link" readOnly value={created.setPasswordUrl} className={`${inputClass} mt-0 font-mono text-sm`} onFocus={(event) => event.target.select()} />
            <button type="button" className={secondaryButtonClass} onClick={() => copy(created.setPasswordUrl)}>
              {copied ? "Copied" : "Copy link"}
            </button>
          </div>
        </section>
      ) : null}

      <section aria-labelledby="accounts" className="rounded-lg border border-stone-200 bg-white">
        <h2 id="accounts" className="px-4 pt-4 text-lg font-semibold text-stone-900">
          Accounts
        </h2>
        <ul className="divide-y divide-stone-200">
          {accounts.map((account) => (
            <li key={account.id} className="flex flex-col gap-2 p-4 sm:flex-row sm:items-center sm:justify-between">
              <div className="min-w-0">
                <p className="font-medium text-stone-900">
                  {account.name} <span className="text-sm font-normal text-stone-600">· {account.role}</span>
                  {account.disabled ? <span className="ml-2 rounded bg-stone-200 px-2 py-0.5 text-xs text-stone-800">disabled</span> : null}
                  {account.hasPassword ? null : <span className="ml-2 rounded bg-amber-100 px-2 py-0.5 text-xs text-amber-900">no password yet</span>}
                </p>
                <p className="break-all text-sm text-stone-600">{account.email}</p>
                <p className="text-xs text-stone-600">Last signed in: {account.lastSignInAt ? new Date(account.lastSignInAt).toLocaleString("en-GB") : "never"}</p>
              </div>
              {account.id === selfId ? (
                <p className="text-sm text-stone-600">You</p>
              ) : (
                <div className="flex gap-2">
                  <button type="button" className={secondaryButtonClass} aria-label={`${account.disabled ? "Enable" : "Disable"} ${account.email}`} onClick={() => toggle(account)}>
                    {account.disabled ? "Enable" : "Disable"}
                  </button>
                  <ConfirmActionButton
                    label="Delete"
                    accessibleLabel={`Delete ${account.email}`}
                    title={`Delete ${account.name}?`}
                    message="Their account goes, and they are signed out at once. What they did stays in the order history and the audit log."
                    confirmLabel="Delete account"
                    url={`/api/admin/staff/${account.id}`}
                    method="DELETE"
                  />
                </div>
              )}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="add-account" className="rounded-lg border border-stone-200 bg-white p-4 sm:p-6">
        <h2 id="add-account" className="text-lg font-semibold text-stone-900">
          Add someone
        </h2>
        <form onSubmit={add} className="mt-3 grid gap-2 sm:grid-cols-2" noValidate>
          <Field id="staff-name" label="Name" error={errors.name}>
            {(control) => <input {...control} className={inputClass} value={form.name} onChange={(event) => setForm({ ...form, name: event.target.value })} />}
          </Field>
          <Field id="staff-email" label="Email" error={errors.email}>
            {(control) => <input {...control} type="email" className={inputClass} value={form.email} onChange={(event) => setForm({ ...form, email: event.target.value })} />}
          </Field>
          <Field id="staff-role" label="Role" error={errors.role}>
            {(control) => (
              <select {...control} className={inputClass} value={form.role} onChange={(event) => setForm({ ...form, role: event.target.value })}>
                <option value="staff">Staff (orders, fulfilment, stock)</option>
                <option value="owner">Owner (everything)</option>
              </select>
            )}
          </Field>
          <div className="flex items-end pb-6">
            <button type="submit" disabled={isBusy} className={primaryButtonClass}>
              {isBusy ? "Adding…" : "Add and make a link"}
            </button>
          </div>
        </form>
      </section>
    </div>
  );
}
