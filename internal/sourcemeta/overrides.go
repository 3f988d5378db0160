package sourcemeta

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/statedoc"
)

// OverridesFile is the analyst's file inside a project folder.
const OverridesFile = statedoc.Sources

// overridesVersion is the version of the sources.json format written.
const overridesVersion = 1

// DefaultStanceScale is the stance scale of a new project, ordered.
func DefaultStanceScale() []string { return []string{"critical", "neutral", "supportive"} }

// Stance sources returned by (*Overrides).Stance.
const (
	StanceFromDocument = "document"
	StanceFromOutlet   = "outlet"
)

// Overrides are the analyst's decisions about sources: field values that win
// over everything else, and stances on a project-defined scale per outlet,
// with per-document exceptions. Methods are safe for concurrent use.
type Overrides struct {
	mu   sync.Mutex
	data overridesJSON
	// base is the content as loaded or last saved: Save applies only the
	// changes from base to data onto the file on disk.
	base overridesJSON
}

type overridesJSON struct {
	Version int `json:"version"`
	// StanceScale lists the stance labels, ordered (e.g. critical → supportive).
	StanceScale []string `json:"stance_scale"`
	// FreeLabels lets any label be used; new ones are appended to the scale.
	FreeLabels    bool              `json:"free_labels,omitempty"`
	OutletStances map[string]string `json:"outlet_stances,omitempty"`
	// StanceColumns names the sidecar columns read as stance, first present
	// wins; empty means DefaultStanceColumns.
	StanceColumns []string                `json:"stance_columns,omitempty"`
	Documents     map[string]*docOverride `json:"documents,omitempty"`
}

type docOverride struct {
	Fields map[string]string `json:"fields,omitempty"`
	Stance string            `json:"stance,omitempty"`
}

// NewOverrides returns empty overrides with the default stance scale.
func NewOverrides() *Overrides {
	d := overridesJSON{Version: overridesVersion, StanceScale: DefaultStanceScale()}
	return &Overrides{data: d, base: cloneOverrides(d)}
}

// LoadOverrides reads <projectDir>/.parallax/sources.json; a missing file
// gives empty overrides. A file that does not parse is an error naming it.
func LoadOverrides(projectDir string) (*Overrides, error) {
	return LoadOverridesFrom(context.Background(), statedoc.Folder(projectDir))
}

func parseOverrides(data []byte) (*Overrides, error) {
	var d overridesJSON
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&d); err != nil {
		return nil, err
	}
	if dec.More() {
		return nil, errors.New("trailing data after the JSON object")
	}
	if d.Version < 1 {
		return nil, errors.New("missing or invalid \"version\"")
	}
	if d.Version > overridesVersion {
		return nil, fmt.Errorf("version %d was written by a newer Parallax (this one reads %d)", d.Version, overridesVersion)
	}
	if len(d.StanceScale) == 0 {
		d.StanceScale = DefaultStanceScale()
	}
	for k, v := range d.Documents {
		if v == nil { // written as null: nothing overridden
			delete(d.Documents, k)
		}
	}
	return &Overrides{data: d, base: cloneOverrides(d)}, nil
}

// Clone returns an independent copy of o (nil for nil): edit and save the
// copy, and o, which a published project holds, stays as it was.
func (o *Overrides) Clone() *Overrides {
	if o == nil {
		return nil
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	return &Overrides{data: cloneOverrides(o.data), base: cloneOverrides(o.base)}
}

// Save writes the overrides to <projectDir>/.parallax/sources.json
// atomically, under the project's lock, merging this writer's changes into
// the file as it is now (another window may have saved meanwhile); o then
// holds the merged whole. It refuses to replace a file that does not parse
// (an analyst's file is never overwritten unasked): use SaveReplacing for
// that.
func (o *Overrides) Save(projectDir string) error {
	return o.save(context.Background(), statedoc.Folder(projectDir), false)
}

// SaveReplacing writes the overrides even over a corrupt file (which is kept
// as the backup beside it).
func (o *Overrides) SaveReplacing(projectDir string) error {
	return o.save(context.Background(), statedoc.Folder(projectDir), true)
}

func marshalOverrides(d *overridesJSON) ([]byte, error) {
	data, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(data, '\n'), nil
}

// fieldNames are the fields an override may set.
var fieldNames = map[string]bool{"title": true, "outlet": true, "author": true, "date": true, "url": true, "language": true}

// SetField overrides one field of the document at path; an empty value
// removes the override.
func (o *Overrides) SetField(path, field, value string) error {
	field = strings.ToLower(field)
	if !fieldNames[field] {
		return fmt.Errorf("unknown metadata field %q", field)
	}
	value = strings.TrimSpace(value)
	if field == "date" && value != "" {
		d, ok := ParseDate(value)
		if !ok {
			return fmt.Errorf("date %q: want YYYY-MM-DD or YYYY-MM-DDThh:mm", value)
		}
		value = d
	}
	if field == "language" && value != "" {
		code, ok := LanguageCode(value)
		if !ok {
			return fmt.Errorf("language %q: want a code such as ru or a name such as Russian", value)
		}
		value = code
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	d := o.doc(path, value != "")
	if d == nil {
		return nil
	}
	if value == "" {
		delete(d.Fields, field)
	} else {
		if d.Fields == nil {
			d.Fields = map[string]string{}
		}
		d.Fields[field] = value
	}
	o.prune(path)
	return nil
}

func (o *Overrides) doc(path string, create bool) *docOverride {
	path = normRel(path)
	d := o.data.Documents[path]
	if d == nil && create {
		if o.data.Documents == nil {
			o.data.Documents = map[string]*docOverride{}
		}
		d = &docOverride{}
		o.data.Documents[path] = d
	}
	return d
}

func (o *Overrides) prune(path string) {
	path = normRel(path)
	if d := o.data.Documents[path]; d != nil && len(d.Fields) == 0 && d.Stance == "" {
		delete(o.data.Documents, path)
	}
}

// StanceScale returns the ordered stance labels.
func (o *Overrides) StanceScale() []string {
	o.mu.Lock()
	defer o.mu.Unlock()
	return append([]string(nil), o.data.StanceScale...)
}

// SetStanceScale replaces the stance scale. Labels must be unique and
// non-empty; free lets stances use labels outside the scale.
func (o *Overrides) SetStanceScale(labels []string, free bool) error {
	seen := map[string]bool{}
	var out []string
	for _, l := range labels {
		l = strings.TrimSpace(l)
		if l == "" || seen[l] {
			return fmt.Errorf("stance scale: empty or repeated label %q", l)
		}
		seen[l] = true
		out = append(out, l)
	}
	if len(out) == 0 {
		return errors.New("stance scale: no labels")
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	o.data.StanceScale = out
	o.data.FreeLabels = free
	return nil
}

// checkLabel validates label against the scale (with o.mu held).
func (o *Overrides) checkLabel(label string) error {
	for _, l := range o.data.StanceScale {
		if l == label {
			return nil
		}
	}
	if o.data.FreeLabels {
		o.data.StanceScale = append(o.data.StanceScale, label)
		return nil
	}
	return fmt.Errorf("stance %q is not on the scale %v", label, o.data.StanceScale)
}

// SetOutletStance sets the stance of every document of an outlet; an empty
// label removes it.
func (o *Overrides) SetOutletStance(outlet, label string) error {
	key := outletKey(outlet)
	if key == "" {
		return errors.New("stance: empty outlet name")
	}
	label = strings.TrimSpace(label)
	o.mu.Lock()
	defer o.mu.Unlock()
	if label == "" {
		for k := range o.data.OutletStances {
			if outletKey(k) == key {
				delete(o.data.OutletStances, k)
			}
		}
		return nil
	}
	if err := o.checkLabel(label); err != nil {
		return err
	}
	if o.data.OutletStances == nil {
		o.data.OutletStances = map[string]string{}
	}
	for k := range o.data.OutletStances {
		if outletKey(k) == key {
			delete(o.data.OutletStances, k)
		}
	}
	o.data.OutletStances[strings.Join(strings.Fields(outlet), " ")] = label
	return nil
}

// SetDocumentStance sets one document's stance, which wins over its
// outlet's; an empty label removes it.
func (o *Overrides) SetDocumentStance(path, label string) error {
	label = strings.TrimSpace(label)
	o.mu.Lock()
	defer o.mu.Unlock()
	if label != "" {
		if err := o.checkLabel(label); err != nil {
			return err
		}
	}
	d := o.doc(path, label != "")
	if d == nil {
		return nil
	}
	d.Stance = label
	o.prune(path)
	return nil
}

// Stance returns the document's stance label and where it comes from
// (StanceFromDocument, StanceFromOutlet), or "", "".
func (o *Overrides) Stance(doc *document.Document) (label, source string) {
	if o == nil || doc == nil {
		return "", ""
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	if d := o.data.Documents[normRel(doc.Path)]; d != nil && d.Stance != "" {
		return d.Stance, StanceFromDocument
	}
	key := outletKey(doc.Meta.Outlet.Value)
	if key == "" {
		return "", ""
	}
	for k, v := range o.data.OutletStances {
		if outletKey(k) == key {
			return v, StanceFromOutlet
		}
	}
	return "", ""
}

// StanceColumns returns the sidecar columns read as stance (the project's
// own list, else DefaultStanceColumns).
func (o *Overrides) StanceColumns() []string {
	if o == nil {
		return DefaultStanceColumns()
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	if len(o.data.StanceColumns) == 0 {
		return DefaultStanceColumns()
	}
	return append([]string(nil), o.data.StanceColumns...)
}

// SetStanceColumns sets the sidecar columns read as stance; none restores
// the default.
func (o *Overrides) SetStanceColumns(cols []string) {
	var out []string
	for _, c := range cols {
		if c = normColumn(c); c != "" {
			out = append(out, c)
		}
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	o.data.StanceColumns = out
}

// HasLabel reports whether label is on the stance scale.
func (o *Overrides) HasLabel(label string) bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	for _, l := range o.data.StanceScale {
		if l == label {
			return true
		}
	}
	return false
}

// AddLabels appends labels missing from the stance scale (e.g. those a
// sidecar table uses), keeping its order.
func (o *Overrides) AddLabels(labels ...string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	for _, l := range labels {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		found := false
		for _, have := range o.data.StanceScale {
			found = found || have == l
		}
		if !found {
			o.data.StanceScale = append(o.data.StanceScale, l)
		}
	}
}

// OutletStances returns a copy of the stances per outlet.
func (o *Overrides) OutletStances() map[string]string {
	o.mu.Lock()
	defer o.mu.Unlock()
	out := make(map[string]string, len(o.data.OutletStances))
	for k, v := range o.data.OutletStances {
		out[k] = v
	}
	return out
}

// Fields returns the overridden fields of the document at path.
func (o *Overrides) Fields(path string) map[string]string {
	o.mu.Lock()
	defer o.mu.Unlock()
	d := o.data.Documents[normRel(path)]
	if d == nil {
		return nil
	}
	out := make(map[string]string, len(d.Fields))
	for k, v := range d.Fields {
		out[k] = v
	}
	return out
}

// Documents lists the paths that have overrides, sorted.
func (o *Overrides) Documents() []string {
	o.mu.Lock()
	defer o.mu.Unlock()
	out := make([]string, 0, len(o.data.Documents))
	for k := range o.data.Documents {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Apply sets the overridden fields on doc; they win over every other source.
func (o *Overrides) Apply(doc *document.Document) {
	if o == nil || doc == nil {
		return
	}
	fields := o.Fields(doc.Path)
	mf := doc.Meta.Fields()
	for name, v := range fields {
		if f := mf[name]; f != nil {
			f.Set(document.Field{Value: v, Source: document.FromAnalyst, Rule: "sources.json", Confidence: 1})
		}
	}
}

func outletKey(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}
