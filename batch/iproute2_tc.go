package batch

// tcQdisc compiles one command of its object (not yet written).
func tcQdisc(x *ipCtx) error { return x.l.errAt(x.l.peek(), "%w", errNotCompiled) }

// tcClass compiles one command of its object (not yet written).
func tcClass(x *ipCtx) error { return x.l.errAt(x.l.peek(), "%w", errNotCompiled) }

// tcFilter compiles one command of its object (not yet written).
func tcFilter(x *ipCtx) error { return x.l.errAt(x.l.peek(), "%w", errNotCompiled) }
