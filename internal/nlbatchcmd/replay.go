package nlbatchcmd

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"golang.org/x/sys/unix"

	"github.com/nlbatch/nlbatch/replay"
)

func replayCmd(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := newFlags("replay", stderr, "replay [--netns NAME|PATH] [--atomic] [--dry-run [--emit-raw FILE]] [--report text|json] FILE")
	netns := fs.String("netns", "", "target network namespace: a name from `ip netns` or a path such as /proc/PID/ns/net (default: this process's)")
	atomic := fs.Bool("atomic", false, "all or nothing: snapshot what the batch touches, and on any failure put the target back and check it by dump")
	dryRun := fs.Bool("dry-run", false, "resolve and validate against the target; send nothing")
	emitRaw := fs.String("emit-raw", "", "write the exact bytes sent (or, with --dry-run, that would be sent) to this file")
	allowDumps := fs.Bool("allow-dumps", false, "permit dump requests in the batch")
	allow := fs.String("allow", "", "comma-separated object kinds or message types the batch may hold (route,addr,neigh,link,rule,nexthop,qdisc,class,filter or RTM_* names); others refuse the batch")
	report := fs.String("report", "text", "report format: text (failures and a summary line) or json")
	maxSend := fs.Int("max-sendmsg", replay.DefaultMaxSendmsg, "largest sendmsg in bytes")
	timeout := fs.Duration("timeout", 30*time.Second, "longest wait for the kernel's answer to one sendmsg")
	progress := fs.String("progress", "auto", "progress bar on stderr: auto (on a terminal, for long batches), always or never")
	if s, ok := parse(fs, args); !ok {
		return s
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(stderr, "nlbatch replay: give one batch file (compile it first with nlbatch compile)")
		return exitUsage
	}
	if *report != "text" && *report != "json" {
		fmt.Fprintf(stderr, "nlbatch replay: unknown --report %q (want text or json)\n", *report)
		return exitUsage
	}
	if *progress != "auto" && *progress != "always" && *progress != "never" {
		fmt.Fprintf(stderr, "nlbatch replay: unknown --progress %q (want auto, always or never)\n", *progress)
		return exitUsage
	}
	b, err := load(fs.Arg(0), stdin)
	if err != nil {
		fmt.Fprintf(stderr, "nlbatch replay: %v\n", err)
		return exitUsage
	}
	opts := replay.Options{
		NetNS: *netns, Atomic: *atomic, DryRun: *dryRun, AllowDumps: *allowDumps,
		MaxSendmsg: *maxSend, Timeout: *timeout,
	}
	if *allow != "" {
		opts.Allow = strings.Split(*allow, ",")
	}
	var raw *os.File
	if *emitRaw != "" {
		if raw, err = os.Create(*emitRaw); err != nil {
			fmt.Fprintf(stderr, "nlbatch replay: %v\n", err)
			return exitUsage
		}
		w := bufio.NewWriterSize(raw, 1<<20)
		defer w.Flush()
		opts.EmitRaw = w
	}
	var bar *progressBar
	if *progress == "always" || (*progress == "auto" && isTerminal(stderr) && b.Count() >= 10000) {
		bar = &progressBar{w: stderr, start: time.Now()}
		opts.Progress = bar.update
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	rep, err := replay.Replay(ctx, b, opts)
	bar.finish()
	if raw != nil {
		if ferr := opts.EmitRaw.(*bufio.Writer).Flush(); ferr != nil && err == nil {
			err = ferr
		}
		if cerr := raw.Close(); cerr != nil && err == nil {
			err = cerr
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "nlbatch replay: %s: %v\n", fs.Arg(0), err)
		var re *replay.Error
		if errors.Is(err, replay.ErrRefused) || (errors.As(err, &re) && (re.Stage == "target" || re.Stage == "policy")) {
			return exitUsage
		}
		if rep == nil {
			return exitFail
		}
	}
	if *report == "json" {
		if werr := rep.WriteJSON(stdout, b); werr != nil {
			fmt.Fprintf(stderr, "nlbatch replay: %v\n", werr)
		}
	} else {
		out := stderr
		if rep.OK() || rep.DryRun {
			out = stdout
		}
		if werr := rep.WriteText(out, b); werr != nil {
			fmt.Fprintf(stderr, "nlbatch replay: %v\n", werr)
		}
	}
	switch {
	case err != nil:
		return exitFail
	case rep.DryRun || rep.OK():
		return exitOK
	}
	return exitFail
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	_, err := unix.IoctlGetTermios(int(f.Fd()), unix.TCGETS)
	return err == nil
}

// progressBar draws "replay [#####     ] 45% 450000/1000000 msgs" on one
// terminal line.
type progressBar struct {
	w     io.Writer
	start time.Time
	drawn bool
	last  time.Time
}

func (p *progressBar) update(done, total int) {
	now := time.Now()
	if done < total && now.Sub(p.last) < 100*time.Millisecond {
		return
	}
	p.last = now
	const width = 30
	fill := 0
	if total > 0 {
		fill = done * width / total
	}
	rate := float64(done) / max(now.Sub(p.start).Seconds(), 1e-9)
	fmt.Fprintf(p.w, "\rreplay [%s%s] %3d%% %d/%d msgs %.0f/s", strings.Repeat("#", fill), strings.Repeat(" ", width-fill), done*100/max(total, 1), done, total, rate)
	p.drawn = true
}

// finish ends the bar's line, if it drew one.
func (p *progressBar) finish() {
	if p != nil && p.drawn {
		fmt.Fprintln(p.w)
	}
}
