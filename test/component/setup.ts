import { afterEach } from 'vitest';
import { cleanup } from '@testing-library/react';

// jsdom lacks what a few pieces lean on; the gaps are filled the way a browser would behave.
afterEach(() => cleanup());

if (!('ResizeObserver' in globalThis)) {
  globalThis.ResizeObserver = class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
}
if (!HTMLElement.prototype.scrollTo) HTMLElement.prototype.scrollTo = function scrollTo() {};
// uPlot (the report's chart) asks matchMedia for the pixel ratio when it loads; every screen's routes import it.
if (!window.matchMedia) {
  window.matchMedia = (query: string) =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addListener() {},
      removeListener() {},
      addEventListener() {},
      removeEventListener() {},
      dispatchEvent: () => false,
    }) as MediaQueryList;
}
