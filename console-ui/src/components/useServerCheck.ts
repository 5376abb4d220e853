import { useEffect, useState } from 'react'
import { api } from '../api'

export interface ServerCheck<T> {
  /** The answer to the latest body that was checked, or undefined before the first answer. */
  result?: T
  /** The problem the server answered for the latest body that was checked. */
  error?: unknown
  /** True while the body on screen has not been checked yet (typing, or waiting for the answer). */
  pending: boolean
}

/**
 * POSTs `body` to `path` once it has stopped changing for `delay` ms, and keeps the latest answer: the console asks
 * the server, not a copy of its rules, whether a pattern or an input shaping is valid. `body` null: nothing to check.
 * Answers to bodies that have changed since are dropped.
 */
export function useServerCheck<T>(path: string, body: unknown, delay = 300): ServerCheck<T> {
  const key = body === null ? null : JSON.stringify(body)
  const [done, setDone] = useState<{ key: string | null, result?: T, error?: unknown }>({ key: null })

  useEffect(() => {
    if (key === null) {
      return
    }
    let current = true
    const timer = setTimeout(() => {
      api<T>('POST', path, JSON.parse(key)).then(
        (result) => { if (current) setDone({ key, result }) },
        (error: unknown) => { if (current) setDone({ key, error }) })
    }, delay)
    return () => {
      current = false
      clearTimeout(timer)
    }
  }, [path, key, delay])

  if (key === null) {
    return { pending: false }
  }
  return { result: done.result, error: done.error, pending: done.key !== key }
}
