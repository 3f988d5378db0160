package reportui

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/parallaxworkbench/parallax/ui/safego"
)

// Runner runs the system's commands; tests pass a fake one.
type Runner interface {
	// LookPath finds an executable as exec.LookPath does.
	LookPath(file string) (string, error)
	// Output runs a command to its end and returns its standard output
	// (and standard error, on failure, in the error).
	Output(ctx context.Context, name string, args ...string) ([]byte, error)
	// Start starts a command without waiting for it (a viewer).
	Start(name string, args ...string) error
}

// ExecRunner is the Runner of the real system.
type ExecRunner struct{}

// LookPath implements Runner.
func (ExecRunner) LookPath(file string) (string, error) { return exec.LookPath(file) }

// Output implements Runner.
func (ExecRunner) Output(ctx context.Context, name string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, name, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		if msg := strings.TrimSpace(stderr.String()); msg != "" {
			return out, fmt.Errorf("%s: %w: %s", name, err, msg)
		}
		return out, fmt.Errorf("%s: %w", name, err)
	}
	return out, nil
}

// Start implements Runner.
func (ExecRunner) Start(name string, args ...string) error {
	cmd := exec.Command(name, args...)
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	safego.Go("wait for "+name, func() { _ = cmd.Wait() }, nil) // reap it
	return nil
}

// Delivery says what became of a printed report.
type Delivery struct {
	// Printed is true when the report went to a printer with lp.
	Printed bool
	// Printer is the default printer it went to.
	Printer string
	// Via names the command or means used: "lp", "xdg-open", "open",
	// "rundll32" or "the system's file handler".
	Via string
	// Note explains a fallback (for example why it was not printed).
	Note string
}

// Message tells the analyst what happened, in a sentence or two.
func (d Delivery) Message(file string) string {
	if d.Printed {
		return fmt.Sprintf("The report was sent to the printer “%s” (with lp).\n\nThe PDF is at %s.", d.Printer, file)
	}
	msg := fmt.Sprintf("The report was opened in the system's PDF viewer (with %s): print it from there.\n\nThe PDF is at %s.", d.Via, file)
	if d.Note != "" {
		msg = d.Note + "\n\n" + msg
	}
	return msg
}

// DefaultPrinter asks lpstat for the default printer; "" when there is
// none (or no lpstat).
func DefaultPrinter(ctx context.Context, r Runner) string {
	if _, err := r.LookPath("lpstat"); err != nil {
		return ""
	}
	out, err := r.Output(ctx, "lpstat", "-d")
	if err != nil {
		return ""
	}
	return parseDefaultPrinter(string(out))
}

// parseDefaultPrinter reads "system default destination: NAME" from the
// output of lpstat -d; "no system default destination" gives "".
func parseDefaultPrinter(out string) string {
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		low := strings.ToLower(line)
		if strings.HasPrefix(low, "no ") || !strings.Contains(low, "default destination") {
			continue
		}
		if i := strings.LastIndex(line, ":"); i >= 0 {
			if name := strings.TrimSpace(line[i+1:]); name != "" && !strings.ContainsAny(name, " \t") {
				return name
			}
		}
	}
	return ""
}

// Deliver prints the PDF file with lp when lp exists and a default printer
// is configured, and otherwise opens it in the system's viewer (xdg-open,
// open or rundll32 by OS, else openURL with a file URL).
func Deliver(ctx context.Context, r Runner, goos, file string, openURL func(*url.URL) error) (Delivery, error) {
	var note string
	if _, err := r.LookPath("lp"); err == nil {
		if printer := DefaultPrinter(ctx, r); printer != "" {
			if _, err := r.Output(ctx, "lp", "-d", printer, file); err == nil {
				return Delivery{Printed: true, Printer: printer, Via: "lp"}, nil
			} else {
				note = fmt.Sprintf("Printing with lp failed (%v).", err)
			}
		} else {
			note = "No default printer is set up (lpstat -d), so the report was not sent to a printer."
		}
	}
	name, args := viewerCommand(goos, file)
	if name != "" {
		if _, err := r.LookPath(name); err == nil {
			if err := r.Start(name, args...); err == nil {
				return Delivery{Via: name, Note: note}, nil
			}
		}
	}
	if openURL == nil {
		return Delivery{Note: note}, fmt.Errorf("open %s: %w", file, errNoViewer)
	}
	return openFile(file, note, openURL)
}

// errNoViewer: no command to open a file with was found.
var errNoViewer = errors.New("no PDF viewer command found on this system")

// openFile opens file through openURL with a file URL.
func openFile(file, note string, openURL func(*url.URL) error) (Delivery, error) {
	abs, err := filepath.Abs(file)
	if err != nil {
		abs = file
	}
	u := &url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}
	if err := openURL(u); err != nil {
		return Delivery{}, fmt.Errorf("open %s: %w", file, err)
	}
	return Delivery{Via: "the system's file handler", Note: note}, nil
}

// viewerCommand is the command that opens a file in its default
// application on goos.
func viewerCommand(goos, file string) (string, []string) {
	switch goos {
	case "darwin":
		return "open", []string{file}
	case "windows":
		return "rundll32", []string{"url.dll,FileProtocolHandler", file}
	case "linux", "freebsd", "openbsd", "netbsd", "dragonfly", "solaris", "illumos":
		return "xdg-open", []string{file}
	}
	return "", nil
}
