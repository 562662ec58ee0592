package batch

// bridgeLink compiles one command of its object (not yet written).
func bridgeLink(x *ipCtx) error { return x.l.errAt(x.l.peek(), "%w", errNotCompiled) }

// bridgeFdb compiles one command of its object (not yet written).
func bridgeFdb(x *ipCtx) error { return x.l.errAt(x.l.peek(), "%w", errNotCompiled) }

// bridgeVlan compiles one command of its object (not yet written).
func bridgeVlan(x *ipCtx) error { return x.l.errAt(x.l.peek(), "%w", errNotCompiled) }
