package sourcepanel

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/parallaxworkbench/parallax/internal/framing"
	"github.com/parallaxworkbench/parallax/internal/report"
	"github.com/parallaxworkbench/parallax/internal/testcorpus"
	"github.com/parallaxworkbench/parallax/ui/panels/paneltest"
	"github.com/parallaxworkbench/parallax/ui/uikit"
)

// Who each outlet quotes is one computation (engine.Analysis.FramingOf):
// the CLI's JSON, the report's data and the source panel show the same
// speakers with the same counts.
func TestVoicesAgreeDemo(t *testing.T) {
	voicesAgree(t, testcorpus.DemoProjectCopy(t))
}

func TestVoicesAgreeSample(t *testing.T) {
	voicesAgree(t, paneltest.SampleCopy(t, nil)) // skips without ../shared
}

func voicesAgree(t *testing.T, dir string) {
	if testing.Short() {
		t.Skip("builds and runs parallax-cli")
	}
	test.NewTempApp(t)
	cli, cliNaming := cliOutlets(t, dir)
	c, a := paneltest.Analysed(t, dir)

	// The CLI against the engine's analysis of the same folder.
	total := 0
	for _, o := range a.FramingOf(nil).Outlets {
		got := voiceList(cli[o.Outlet])
		if want := voiceList(o.Voices); got != want {
			t.Errorf("outlet %q: the CLI says\n%s\nthe engine\n%s", o.Outlet, got, want)
		}
		total += len(o.Voices)
	}
	if total == 0 {
		t.Fatal("nobody quoted in the whole project: the test compares nothing")
	}

	// The report: its voices per outlet are the CLI's, cut to its limit.
	r, err := report.Build(context.Background(), a, nil, report.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, ov := range r.Voices {
		var want []framing.Voice
		for name, vs := range cli {
			if name == ov.Outlet || name == "" && strings.Contains(ov.Outlet, "nknown") {
				want = vs
			}
		}
		if len(ov.Voices)+ov.More != len(want) {
			t.Errorf("report outlet %q: %d voices (+%d more), the CLI %d", ov.Outlet, len(ov.Voices), ov.More, len(want))
			continue
		}
		if got, w := voiceList(ov.Voices), voiceList(want[:len(ov.Voices)]); got != w {
			t.Errorf("report outlet %q:\n%s\nthe CLI:\n%s", ov.Outlet, got, w)
		}
	}

	// The report's naming: each outlet's mentions and forms of an entity
	// are the CLI's.
	if len(r.Naming) == 0 {
		t.Error("the report names no entity")
	}
	for _, en := range r.Naming {
		ce, ok := cliNaming[en.Name]
		if !ok {
			t.Errorf("report entity %q is not in the CLI's naming", en.Name)
			continue
		}
		want := map[string]string{}
		for _, o := range ce.Outlets {
			want[o.Outlet] = fmt.Sprint(o.Mentions, o.Forms)
		}
		for _, o := range en.Outlets {
			key := o.Outlet
			if _, ok := want[key]; !ok && strings.Contains(key, "nknown") {
				key = ""
			}
			if got := fmt.Sprint(o.Mentions, o.Forms); got != want[key] {
				t.Errorf("report naming of %q by %q: %s, the CLI %s", en.Name, o.Outlet, got, want[key])
			}
		}
	}

	// The panel: each document's rows are the voices of that document
	// alone; an outlet of one document shows the outlet's voices.
	p := New(c)
	w := test.NewTempWindow(t, p.Object())
	w.Resize(fyne.NewSize(420, 900))
	perOutlet := map[string]int{}
	for _, df := range a.Framing().Documents {
		perOutlet[df.Outlet]++
	}
	for _, df := range a.Framing().Documents {
		c.SetFocused(paneltest.Doc(c, df.Path))
		got := panelVoices(t, p)
		want := a.DocumentVoices(df.Path)
		if len(want) > maxSources {
			want = want[:maxSources]
		}
		if g, w := voiceCounts(got), countsOf(want); g != w {
			t.Errorf("%s: the panel shows\n%s\nthe engine\n%s", df.Path, g, w)
		}
		if perOutlet[df.Outlet] == 1 {
			cv := cli[df.Outlet]
			if len(cv) > maxSources {
				cv = cv[:maxSources]
			}
			if g, w := voiceCounts(got), countsOf(cv); g != w {
				t.Errorf("%s, the only document of %q: the panel shows\n%s\nthe CLI\n%s", df.Path, df.Outlet, g, w)
			}
		}
	}
}

// cliOutlets builds parallax-cli and returns the voices of each outlet in
// its `framing --json`.
func cliOutlets(t *testing.T, dir string) (map[string][]framing.Voice, map[string]framing.EntityNaming) {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "parallax-cli")
	build := exec.Command("go", "build", "-o", bin, "./cmd/parallax-cli")
	build.Dir = filepath.Join("..", "..")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build parallax-cli: %v\n%s", err, out)
	}
	out, err := exec.Command(bin, "framing", "--json", dir).Output()
	if err != nil {
		t.Fatalf("parallax-cli framing --json: %v", err)
	}
	var js struct {
		Outlets  []framing.OutletFraming `json:"outlets"`
		Entities []framing.EntityNaming  `json:"entities"`
	}
	if err := json.Unmarshal(out, &js); err != nil {
		t.Fatalf("parallax-cli's JSON: %v", err)
	}
	m := map[string][]framing.Voice{}
	for _, o := range js.Outlets {
		m[o.Outlet] = o.Voices
	}
	naming := map[string]framing.EntityNaming{}
	for _, e := range js.Entities {
		if _, dup := naming[e.Name]; !dup {
			naming[e.Name] = e
		}
	}
	return m, naming
}

func voiceList(vs []framing.Voice) string {
	var b strings.Builder
	for _, v := range vs {
		fmt.Fprintf(&b, "%s ×%d (%d quoted, %d documents)\n", v.Speaker, v.Count, v.Direct, v.Documents)
	}
	return b.String()
}

// countsOf is what the panel shows of voices: speaker, count, quoted.
func countsOf(vs []framing.Voice) string {
	var b strings.Builder
	for _, v := range vs {
		fmt.Fprintf(&b, "%s ×%d %d\n", v.Speaker, v.Count, v.Direct)
	}
	return b.String()
}

func voiceCounts(vs []framing.Voice) string { return countsOf(vs) }

var panelCount = regexp.MustCompile(`×(\d+)(?:, (?:(\d+) )?quoted)?$`)

// panelVoices reads the rows under "Quoted and cited" as the analyst sees
// them: "Speaker  [description ]×N[, M quoted | , quoted]".
func panelVoices(t *testing.T, p *Panel) []framing.Voice {
	t.Helper()
	var out []framing.Voice
	in := false
	for _, l := range panelTexts(p.framing) {
		switch {
		case l == "Quoted and cited":
			in = true
			continue
		case !in || l == "Nobody is quoted or cited." || strings.HasPrefix(l, "and ") && strings.HasSuffix(l, " more"):
			continue
		}
		speaker, rest, ok := strings.Cut(l, "  ")
		m := panelCount.FindStringSubmatch(rest)
		if !ok || m == nil {
			t.Fatalf("panel row %q does not read as a voice", l)
		}
		n, _ := strconv.Atoi(m[1])
		v := framing.Voice{Speaker: speaker, Count: n}
		switch {
		case m[2] != "":
			v.Direct, _ = strconv.Atoi(m[2])
		case strings.HasSuffix(rest, ", quoted"):
			v.Direct = n
		}
		out = append(out, v)
	}
	return out
}

// panelTexts lists the texts of labels, rich texts and script texts in
// order.
func panelTexts(o fyne.CanvasObject) []string {
	var out []string
	switch v := o.(type) {
	case *fyne.Container:
		for _, c := range v.Objects {
			out = append(out, panelTexts(c)...)
		}
	case *widget.Label:
		out = append(out, v.Text)
	case *widget.RichText:
		out = append(out, v.String())
	case *uikit.ScriptText:
		out = append(out, v.Text())
	}
	return out
}
