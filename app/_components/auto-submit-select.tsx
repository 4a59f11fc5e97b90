"use client";
// A select that submits its form on change (the form still has an Apply button without JavaScript).

type AutoSubmitSelectProps = {
  id: string;
  name: string;
  defaultValue: string;
  options: { value: string; label: string }[];
};

export function AutoSubmitSelect({ id, name, defaultValue, options }: AutoSubmitSelectProps) {
  return (
    <select
      id={id}
      name={name}
      defaultValue={defaultValue}
      onChange={(event) => event.currentTarget.form?.requestSubmit()}
      className="min-h-10 rounded-lg border border-stone-300 bg-white px-3 py-2 text-sm text-stone-900 shadow-sm"
    >
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </select>
  );
}
