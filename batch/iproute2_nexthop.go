package batch

// ipNexthop compiles one command of its object (not yet written).
func ipNexthop(x *ipCtx) error { return x.l.errAt(x.l.peek(), "%w", errNotCompiled) }
