// Public API of pgmend chain: filled in by the chain work. Keep this the only entry other layers import.
export {};
