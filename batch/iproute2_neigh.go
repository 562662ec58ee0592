package batch

// ipNeigh compiles one command of its object (not yet written).
func ipNeigh(x *ipCtx) error { return x.l.errAt(x.l.peek(), "%w", errNotCompiled) }
