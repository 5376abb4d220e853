import type { SaveWarning } from '../api'

/**
 * The warnings of a save, tied to the targets they are about by the targets' keys as they were saved: a target
 * removed or moved afterwards takes its warnings with it.
 */
export interface SaveWarnings {
  list: SaveWarning[]
  /** The key of the target form at each index of the saved request. */
  keys: number[]
}

export const NO_WARNINGS: SaveWarnings = { list: [], keys: [] }

/** A warning about one target, `sub` being where in the target it points (`webhook.url`, or '' for the target). */
export interface TargetWarning {
  sub: string
  warning: SaveWarning
}

const IN_TARGET = /^targets\[(\d+)\]\.?(.*)$/

/** The warnings about the target form with `key`. */
export function warningsOfTarget(warnings: SaveWarnings, key: number): TargetWarning[] {
  return warnings.list.flatMap((warning) => {
    const m = IN_TARGET.exec(warning.location ?? '')
    return m && warnings.keys[Number(m[1])] === key ? [{ sub: m[2], warning }] : []
  })
}

/** The warnings not about a target that is still in the form: shown with the notice. */
export function unplacedWarnings(warnings: SaveWarnings, keys: number[]): SaveWarning[] {
  return warnings.list.filter((warning) => {
    const m = IN_TARGET.exec(warning.location ?? '')
    return !m || !keys.includes(warnings.keys[Number(m[1])])
  })
}

/** Whether a target warning points at `field` of the target or inside it. */
export function isWarningAt(w: TargetWarning, field: string): boolean {
  return w.sub === field || w.sub.startsWith(field + '.') || w.sub.startsWith(field + '[')
}

/** One warning, shown where it points. */
export function WarningMessage({ warning, id }: { warning: SaveWarning, id?: string }) {
  return (
    <div className="warning" id={id}>
      <strong>{warning.message}</strong>
      {warning.location && <span className="where"> ({warning.location})</span>}
      <span className="code">{warning.code}</span>
    </div>
  )
}

/** The notice that a rule was saved with warnings, listing those that have no field to be shown at. */
export function SavedWithWarnings({ count, unplaced }: { count: number, unplaced: SaveWarning[] }) {
  const placed = count - unplaced.length
  const where = placed === 0 ? ''
    : placed === count ? (count === 1 ? ' It is shown at the field it is about.' : ' They are shown at the fields they are about.')
      : placed === 1 ? ' One of them is shown at the field it is about, the others here.'
        : ` ${placed} of them are shown at the fields they are about, the others here.`
  return (
    <div className="saved-with-warnings" role="status">
      <p><strong>Saved, with {count === 1 ? 'a warning' : `${count} warnings`}.</strong> The rule is saved as it is:
        read {count === 1 ? 'the warning' : 'them'}, then change the rule and save again, or go on.{where}</p>
      {unplaced.map((w, i) => <WarningMessage key={i} warning={w} />)}
    </div>
  )
}
