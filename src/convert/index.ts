// Public API of pgmend convert: filled in by the convert work. Keep this the only entry other layers import.
export {};
