import { quickExit } from '../safety/quickExit.js';

/** On every screen, always in the same corner. */
export function QuickExit() {
  return (
    <button type="button" class="quick-exit" onClick={quickExit}
      aria-label="Quick exit: leave now for a weather site (or press Shift three times)">
      Quick exit
    </button>
  );
}
