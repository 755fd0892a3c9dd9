/** DKFDS's own ES-module components (its package ships no types): only those the portal uses. */
declare module '@dkfds/src/js/components/modal.js' {
  export default class Modal {
    constructor(element: HTMLElement);
    show(event?: Event | null): void;
    hide(): void;
  }
}

declare module '@dkfds/src/js/components/error-summary.js' {
  export default class ErrorSummary {
    constructor(element: HTMLElement);
    init(): void;
  }
}

/** The common passwords of 12 characters or more, lower-cased (vite.config.ts reads the service's list). */
declare module 'virtual:long-common-passwords' {
  const passwords: readonly string[];
  export default passwords;
}

declare module '@dkfds/src/js/components/date-picker.js' {
  /** A receptor behaviour: `on` enhances every `.date-picker` within the element and listens there; `off` stops. */
  const datePicker: {
    on(root: HTMLElement): void;
    off(root: HTMLElement): void;
  };
  export default datePicker;
}
