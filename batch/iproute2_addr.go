package batch

// ipAddress compiles one command of its object (not yet written).
func ipAddress(x *ipCtx) error { return x.l.errAt(x.l.peek(), "%w", errNotCompiled) }
