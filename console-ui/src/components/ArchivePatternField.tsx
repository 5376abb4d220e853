import PatternEditor from './PatternEditor.tsx'

interface Props {
  filtered: boolean
  onFilteredChange: (filtered: boolean) => void
  pattern: string
  onPatternChange: (pattern: string) => void
  sampleEvent: string
  onSampleEventChange: (event: string) => void
  saveError?: unknown
}

/** What an archive keeps: every event of its bus, or (checked) only those its pattern matches, edited with a sample. */
export default function ArchivePatternField(props: Props) {
  return (
    <>
      <label className="check">
        <input type="checkbox" checked={props.filtered} onChange={(e) => props.onFilteredChange(e.target.checked)} />
        Only the events that match a pattern (otherwise every event of the bus)
      </label>
      {props.filtered && (
        <PatternEditor pattern={props.pattern} sampleEvent={props.sampleEvent} onPatternChange={props.onPatternChange}
                       onSampleEventChange={props.onSampleEventChange} saveError={props.saveError}
                       sampleSource="An example event: edit it to try the pattern on your own." />
      )}
    </>
  )
}
