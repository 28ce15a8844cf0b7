/**
 * Keeps keyboard focus from falling to the page body when the element that
 * had it disappears or becomes disabled (a Start button turning into Cancel
 * and back, a view replaced after "Continue", a Run button disabled while it
 * runs). Focus moves to the nearest control that still exists in the same
 * part of the page, or to the view's heading when the whole view changed.
 * A user who simply clicks elsewhere keeps the browser's behaviour.
 */
import { onBeforeUnmount, onMounted } from 'vue'
import type { Ref } from 'vue'

const FOCUSABLE =
  'button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), a[href], [tabindex]:not([tabindex="-1"])'

function usable(el: Element | null): el is HTMLElement {
  if (!(el instanceof HTMLElement) || !el.isConnected) return false
  if ((el as HTMLButtonElement).disabled || el.closest('fieldset:disabled, [inert], [hidden]'))
    return false
  return el.getClientRects().length > 0
}

/** Where focus should go once `lost` (with its former ancestors) cannot hold it. */
export function focusTarget(ancestors: readonly Element[], root: HTMLElement): HTMLElement | null {
  for (const ancestor of ancestors) {
    if (!ancestor.isConnected || ancestor === root) break
    const candidate = [...ancestor.querySelectorAll(FOCUSABLE)].find(usable)
    if (candidate) return candidate
  }
  return root.querySelector<HTMLElement>('h1[tabindex]')
}

export function useFocusKeeper(root: Ref<HTMLElement | null>): void {
  let focused: HTMLElement | null = null
  let ancestors: Element[] = []
  let observer: MutationObserver | null = null

  function onFocusIn(event: FocusEvent): void {
    const el = event.target
    if (!(el instanceof HTMLElement) || !root.value?.contains(el)) {
      focused = null
      return
    }
    focused = el
    ancestors = []
    for (let a = el.parentElement; a && a !== root.value; a = a.parentElement) ancestors.push(a)
  }

  /** Focus left a control that can still hold it: the user's choice, not ours to undo. */
  function onFocusOut(event: FocusEvent): void {
    const el = event.target
    setTimeout(() => {
      if (el !== focused || document.activeElement !== document.body) return
      if (usable(focused)) focused = null
      else check()
    }, 0)
  }

  function check(): void {
    const main = root.value
    if (!main || !focused) return
    const active = document.activeElement
    if (usable(focused)) return // still there: the user moved focus away, or nothing happened
    // A disabled control may keep focus without taking keys: move on from it too.
    if (active && active !== document.body && active !== focused) return
    const target = focusTarget(ancestors, main)
    focused = null
    target?.focus()
  }

  onMounted(() => {
    document.addEventListener('focusin', onFocusIn)
    document.addEventListener('focusout', onFocusOut)
    // Removing or disabling the focused element fires no event everywhere: watch the DOM.
    observer = new MutationObserver(check)
    if (root.value) {
      observer.observe(root.value, {
        childList: true,
        subtree: true,
        attributes: true,
        attributeFilter: ['disabled', 'hidden']
      })
    }
  })
  onBeforeUnmount(() => {
    document.removeEventListener('focusin', onFocusIn)
    document.removeEventListener('focusout', onFocusOut)
    observer?.disconnect()
  })
}
