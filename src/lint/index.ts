// Public API of pgmend lint: filled in by the lint work. Keep this the only entry other layers import.
export {};
