package batch

// ipRule compiles one command of its object (not yet written).
func ipRule(x *ipCtx) error { return x.l.errAt(x.l.peek(), "%w", errNotCompiled) }
