import { useCallback, useEffect, useState, type FormEvent } from 'react'
import { useSearchParams } from 'react-router'
import { api } from '../api'
import { toInstant } from './localTime.ts'

/** A page of a listing paged by a cursor: its items under some name, and `next`, the `before` of the following one. */
interface Page {
  next?: string
}

/**
 * A listing newest first, filtered by the address' parameters named in `filters` (from and to as instants), a page at
 * a time: the first page whenever the filters change (an answer for older filters is dropped), `more` for the next
 * one, and `filter`, the submit handler of a form whose fields carry those names.
 *
 * @param path    the route, e.g. /v1/events
 * @param itemsOf the items of a page
 * @param fixed   parameters every request carries, e.g. a page size
 */
export function useCursorPages<P extends Page, T>(path: string, filters: string[], itemsOf: (page: P) => T[],
                                                  fixed: Record<string, string> = {}) {
  const [params, setParams] = useSearchParams()
  const [items, setItems] = useState<T[] | null>(null)
  const [next, setNext] = useState<string | undefined>()
  const [error, setError] = useState<unknown>(null)
  const fixedQuery = new URLSearchParams(fixed).toString()

  const query = useCallback((before?: string) => {
    const q = new URLSearchParams(fixedQuery)
    for (const name of filters) {
      const value = params.get(name)
      if (value) q.set(name, value)
    }
    if (before) q.set('before', before)
    return `${path}?${q.toString()}`
  }, [params, path, fixedQuery]) // filters: a constant of its page

  useEffect(() => {
    setItems(null)
    let current = true // an answer for filters changed since may come after: it is dropped
    api<P>('GET', query()).then((page) => {
      if (!current) return
      setItems(itemsOf(page))
      setNext(page.next)
      setError(null)
    }, (e) => current && setError(e))
    return () => {
      current = false
    }
  }, [query]) // itemsOf reads a field of the page: the same for every render

  async function more() {
    if (!next) return
    try {
      const page = await api<P>('GET', query(next))
      setItems((shown) => [...(shown ?? []), ...itemsOf(page)])
      setNext(page.next)
    } catch (e) {
      setError(e)
    }
  }

  function filter(e: FormEvent<HTMLFormElement>) {
    e.preventDefault()
    const q = new URLSearchParams()
    for (const [name, value] of new FormData(e.currentTarget).entries()) {
      if (typeof value !== 'string' || !value.trim()) continue
      q.set(name, name === 'from' || name === 'to' ? toInstant(value) : value.trim())
    }
    setParams(q)
  }

  return { params, items, setItems, next, setNext, error, setError, query, more, filter }
}
