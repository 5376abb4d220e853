import { useEffect } from 'react'

export const LEAVE_QUESTION = 'This page has changes that are not saved. Leave it and lose them?'

/**
 * While `dirty`, asks before the page is left: the browser's own question on a reload or when the tab closes, and
 * LEAVE_QUESTION when a link of the console is followed (a click on it is stopped unless the user agrees).
 */
export function useUnsavedWarning(dirty: boolean): void {
  useEffect(() => {
    if (!dirty) return undefined
    const beforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault()
      e.returnValue = ''
    }
    const click = (e: MouseEvent) => {
      const link = (e.target as Element | null)?.closest?.('a[href]') as HTMLAnchorElement | null
      if (!link || link.target === '_blank' || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey) return
      if (new URL(link.href, window.location.href).origin !== window.location.origin) return
      if (!window.confirm(LEAVE_QUESTION)) {
        e.preventDefault()
        e.stopPropagation()
      }
    }
    window.addEventListener('beforeunload', beforeUnload)
    document.addEventListener('click', click, true)
    return () => {
      window.removeEventListener('beforeunload', beforeUnload)
      document.removeEventListener('click', click, true)
    }
  }, [dirty])
}
