/**
 * The `Idempotency-Key` of a command a person may send more than once (a double click, a retry after a lost
 * connection): the same body keeps its key, so the service applies it once and answers the first result again.
 * A changed body is a new request and gets a new key (the service refuses a key reused for another body), and
 * after a definitive answer the next attempt is a new one: call `settled()`.
 */
export class CommandKeys {
  private current: { readonly body: string; readonly key: string } | null = null;

  constructor(private readonly newKey: () => string) {}

  keyFor(body: unknown): string {
    const text = JSON.stringify(body);
    if (this.current?.body !== text) this.current = { body: text, key: this.newKey() };
    return this.current.key;
  }

  settled(): void {
    this.current = null;
  }
}
