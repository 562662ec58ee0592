package batch

// ipLink compiles one command of its object (not yet written).
func ipLink(x *ipCtx) error { return x.l.errAt(x.l.peek(), "%w", errNotCompiled) }
