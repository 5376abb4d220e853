/**
 * JSON for a person to edit: a value that fits on one line (within `width` columns) stays on one line, larger
 * objects and arrays get one member per line. `{"source": ["shop.orders"]}` rather than five lines of brackets.
 */
export function formatJson(value: unknown, width = 80): string {
  return format(value, '', width)
}

function format(value: unknown, indent: string, width: number): string {
  const flat = oneLine(value)
  if (value === null || typeof value !== 'object' || indent.length + flat.length <= width) {
    return flat
  }
  const inner = indent + '  '
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]'
    return `[\n${value.map((v) => inner + format(v, inner, width)).join(',\n')}\n${indent}]`
  }
  const entries = Object.entries(value as Record<string, unknown>)
  if (entries.length === 0) return '{}'
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${format(v, inner, width)}`).join(',\n')}\n${indent}}`
}

function oneLine(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(oneLine).join(', ')}]`
  }
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${oneLine(v)}`).join(', ')}}`
  }
  return JSON.stringify(value) ?? 'null'
}

/** A message body as shown: JSON pretty-printed, anything else as it is. */
export function prettyText(body: string): string {
  try {
    return formatJson(JSON.parse(body))
  } catch {
    return body
  }
}
