/** The service's time. One clock for every request, command and reaction, so tests can move it by hand. */
export type Clock = () => Date;
export const CLOCK = Symbol('Clock');
