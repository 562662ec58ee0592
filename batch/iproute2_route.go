package batch

// ipRoute compiles one command of its object (not yet written).
func ipRoute(x *ipCtx) error { return x.l.errAt(x.l.peek(), "%w", errNotCompiled) }
