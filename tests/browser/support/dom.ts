/**
 * The few DOM shapes the tests read inside page.evaluate: the node tsconfig that checks the tests has
 * no DOM lib, and adding it there would hide mistakes in server code.
 */
export interface DomElement {
  textContent: string | null;
  value?: string;
  getAttribute(name: string): string | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
}
