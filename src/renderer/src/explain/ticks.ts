/** The one tick rule, shared with the exported charts so both label the same steps. */
export { evenTicks } from '@shared/ticks'
