interface Props {
  legend: string
  /** What "*" stands for, e.g. "every bus". */
  everything: string
  names: string[] | null
  chosen: string[]
  onChange: (chosen: string[]) => void
}

/** Checkboxes for a scope of names, with "*" (all, now and later) as its own choice that excludes the others. */
export default function NamePicker({ legend, everything, names, chosen, onChange }: Props) {
  const all = chosen.includes('*')
  function toggle(name: string, on: boolean) {
    onChange(on ? [...chosen, name] : chosen.filter((n) => n !== name))
  }
  return (
    <fieldset className="name-picker">
      <legend>{legend}</legend>
      <label className="check">
        <input type="checkbox" checked={all} onChange={(e) => onChange(e.target.checked ? ['*'] : [])} />
        All ({everything}, also those created later)
      </label>
      {names === null && <span className="hint">Loading…</span>}
      {names !== null && names.length === 0 && <span className="hint">None yet.</span>}
      <div className="name-list">
        {(names ?? []).map((name) => (
          <label key={name} className="check">
            <input type="checkbox" disabled={all} checked={!all && chosen.includes(name)}
                   onChange={(e) => toggle(name, e.target.checked)} /> {name}
          </label>
        ))}
      </div>
    </fieldset>
  )
}
