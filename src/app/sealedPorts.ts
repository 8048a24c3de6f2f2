/** A credential sealed at rest, with the row it belongs to. */
export interface SealedValue {
  kind: 'channel' | 'chatAccount';
  /** The row's key (a channel's `key`, a chat account's `key`): what the value is bound to. */
  key: string;
  sealed: string;
}

/** Every sealed value, for re-sealing them when the sealing format changes. */
export interface SealedStore {
  sealedValues(): Promise<SealedValue[]>;
  /**
   * Replaces values in one transaction, each only while its row still holds `value.sealed` (a rotation
   * or sign-in since wins); gives back the ones replaced.
   */
  replaceSealed(changes: { value: SealedValue; to: string }[]): Promise<SealedValue[]>;
}
