import { useEffect } from 'react'

/**
 * While `active`, calls `load` again `delay` ms after its previous answer (never two at once); stops as soon as
 * `active` turns false, e.g. when what is shown reached a final state, or the page is left.
 */
export function usePolling(load: () => Promise<unknown>, delay: number, active: boolean): void {
  useEffect(() => {
    if (!active) return undefined
    let stopped = false
    let timer: ReturnType<typeof setTimeout> | undefined
    const next = () => {
      timer = setTimeout(() => {
        load().catch(() => undefined).finally(() => {
          if (!stopped) next()
        })
      }, delay)
    }
    next()
    return () => {
      stopped = true
      clearTimeout(timer)
    }
  }, [load, delay, active])
}
