package jsonindent

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"
)

// want is what json.Encoder with SetIndent("", "  ") writes of v.
func want(t *testing.T, v any) (string, error) {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	err := enc.Encode(v)
	return b.String(), err
}

// same fails t unless Encoder writes v as json.Encoder does, and at a
// depth as json.MarshalIndent with that prefix does.
func same(t *testing.T, name string, v any) {
	t.Helper()
	w, werr := want(t, v)
	got, err := New().AppendLine(nil, v)
	if (werr != nil) != (err != nil) {
		t.Fatalf("%s: error %v, encoding/json's %v", name, err, werr)
	}
	if werr != nil {
		return
	}
	if string(got) != w {
		t.Fatalf("%s:\n got %q\nwant %q", name, got, w)
	}
	for _, depth := range []int{1, 3} {
		wd, err := json.MarshalIndent(v, strings.Repeat("  ", depth), "  ")
		if err != nil {
			t.Fatal(err)
		}
		gd, err := New().Append(nil, v, depth)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(gd, wd) {
			t.Fatalf("%s at depth %d:\n got %q\nwant %q", name, depth, gd, wd)
		}
	}
}

type span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

type record struct {
	Path     string            `json:"path"`
	Title    string            `json:"title,omitempty"`
	Words    int               `json:"words"`
	Rate     float64           `json:"rate"`
	Small    float32           `json:"small"`
	Covered  bool              `json:"covered"`
	Spans    []span            `json:"spans,omitempty"`
	Tags     []string          `json:"tags"`
	Counts   map[string]int    `json:"counts,omitempty"`
	Next     *record           `json:"next,omitempty"`
	Any      any               `json:"any"`
	Arr      [2]uint8          `json:"arr"`
	Bytes    []byte            `json:"bytes"`
	Unsigned uint64            `json:"unsigned,omitempty"`
	Named    label             `json:"named"`
	ByLabel  map[label][]int   `json:"by_label"`
	unseen   int               //nolint:unused // unexported: never written
	Skip     string            `json:"-"`
	NoTag    int               //
	Nested   map[string]*span  `json:"nested"`
	Lists    [][]string        `json:"lists"`
	Ifaces   []any             `json:"ifaces"`
	Empty    struct{}          `json:"empty"`
	Maybe    *int              `json:"maybe"`
	OmitPtr  *span             `json:"omit_ptr,omitempty"`
	OmitMap  map[string]string `json:"omit_map,omitempty"`
	OmitBool bool              `json:"omit_bool,omitempty"`
}

type label string

// Types encoding/json treats specially: handed back to it.
type (
	custom    struct{ X int }
	ptrCustom struct{ X int }
	text      struct{ S string }
	embedded  struct {
		span
		Name string `json:"name"`
	}
	quoted struct {
		N int `json:"n,string"`
	}
	zero struct {
		T time.Time `json:"t,omitzero"`
	}
	intKeys map[int]string
)

// Embedded structs, promoted as encoding/json promotes them.
type (
	Inner struct {
		A    int    `json:"a"`
		B    string `json:"b,omitempty"`
		Kind custom `json:"kind"`
	}
	Deeper struct {
		*Inner
		C []int `json:"c"`
	}
	Label string
	// the shape alias.Entity's MarshalJSON writes: the entity and its
	// number of mentions
	withCount struct {
		*Inner
		Count int `json:"count"`
	}
	nested struct {
		Deeper
		Label
		D bool `json:"d"`
	}
	taggedEmbed struct {
		Inner `json:"inner"`
		E     int `json:"e"`
	}
	shadowed struct {
		Inner
		A string `json:"a"` // shadows Inner.A: encoding/json keeps this one
	}
	hiddenEmbed struct {
		span     // unexported: fields read-only to reflection
		X    int `json:"x"`
	}
	hiddenLabel struct {
		label     // unexported non-struct: ignored
		X     int `json:"x"`
	}
	twice struct {
		Inner
		Deeper // Inner again, deeper
	}
)

func (c custom) MarshalJSON() ([]byte, error) { return []byte(`{"custom" : [1, 2, "<&>"]}`), nil }
func (c *ptrCustom) MarshalJSON() ([]byte, error) {
	return []byte(`"ptr"`), nil
}
func (t text) MarshalText() ([]byte, error) { return []byte("text:" + t.S), nil }

func TestTheEncodersBytes(t *testing.T) {
	one := 1
	adversarial := "<b>&amp;</b> \u2028\u2029 \x00\x01\x1f\x7f \b\f\n\r\t \"\\ \xff\xfe bad \xe2\x82 é ب 😀 \ufffd"
	rec := record{
		Path: adversarial, Title: "t", Words: 3, Rate: 0.1 + 0.2, Small: 1.5e-7,
		Spans: []span{{1, 2}, {3, 4}}, Tags: []string{}, Counts: map[string]int{"z": 1, "a<": 2, "é": 3, "": 4},
		Next: &record{Path: "n", Tags: nil, Any: map[string]any{"k": []any{1.0, "x", nil, true}}},
		Any:  []int{}, Arr: [2]uint8{7, 8}, Bytes: []byte("bytes"), Named: "lbl",
		ByLabel: map[label][]int{"b": {1}, "a": nil}, unseen: 9, Skip: "no", NoTag: 5,
		Nested: map[string]*span{"x": nil, "y": {5, 6}}, Lists: [][]string{{}, nil, {"a"}},
		Ifaces: []any{custom{}, &ptrCustom{}, text{"x"}, span{}, json.Number("12.50"), time.Unix(0, 0).UTC()},
		Maybe:  &one, OmitMap: map[string]string{},
	}
	cases := map[string]any{
		"nil":                     nil,
		"string":                  adversarial,
		"ints":                    []int{0, -1, math.MaxInt64, math.MinInt64},
		"floats":                  []float64{0, math.Copysign(0, -1), 1, -1.5, 1e-6, 1e-7, 9.999999e-7, 1e20, 1e21, 1e-300, 5e-324, math.MaxFloat64, 123456789.125, 0.000001234},
		"float32s":                []float32{0, 1e-6, 1e-7, 1e20, 1e21, 3.4e38, 1.1},
		"record":                  rec,
		"pointer to record":       &rec,
		"records":                 []record{rec, {}, rec},
		"pointers":                []*record{&rec, nil},
		"empty and nil":           map[string]any{"nil slice": []string(nil), "empty slice": []string{}, "nil map": map[string]int(nil), "empty map": map[string]int{}, "empty struct": struct{}{}},
		"custom marshalers":       []any{custom{X: 1}, ptrCustom{X: 1}, []ptrCustom{{1}}, &ptrCustom{}, text{"<>"}},
		"struct with marshalers":  struct{ A ptrCustom }{ptrCustom{2}},
		"embedded":                []embedded{{span{1, 2}, "n"}},
		"embedded pointers":       []withCount{{&Inner{A: 1, B: "<b>"}, 3}, {nil, 4}},
		"nested embedding":        []nested{{Deeper{&Inner{A: 2}, []int{1}}, "lbl", true}, {}},
		"tagged embedding":        taggedEmbed{Inner{A: 5}, 6},
		"shadowed field":          shadowed{Inner{A: 1, B: "x"}, "outer"},
		"unexported embedded":     []hiddenEmbed{{span{1, 2}, 3}},
		"unexported label":        hiddenLabel{"l", 4},
		"embedded twice":          twice{Inner{A: 1}, Deeper{&Inner{A: 2}, nil}},
		"string option":           quoted{N: 5},
		"omitzero":                []zero{{}, {time.Unix(5, 0).UTC()}},
		"duplicate names":         duplicateNames(),
		"odd tags":                oddTags(),
		"int keys":                intKeys{3: "c", 10: "a", -1: "b"},
		"text keys":               map[text]int{{"b"}: 1, {"a"}: 2},
		"array of arrays":         [2][0]int{},
		"interface holding slice": []any{[]span{{1, 1}}, map[string]any{}},
	}
	for name, v := range cases {
		same(t, name, v)
	}
}

func TestErrorsWhereEncodingJSONErrs(t *testing.T) {
	type cycle struct {
		Next *cycle `json:"next"`
	}
	c := &cycle{}
	c.Next = c
	for name, v := range map[string]any{
		"NaN":      []float64{1, math.NaN()},
		"infinity": struct{ F float32 }{float32(math.Inf(1))},
		"channel":  struct{ C chan int }{make(chan int)},
		"cycle":    c,
	} {
		if _, err := want(t, v); err == nil {
			t.Fatalf("%s: encoding/json did not fail", name)
		}
		if _, err := New().AppendLine(nil, v); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

// randString mixes ASCII, escapes, multibyte runes and broken UTF-8.
func randString(r *rand.Rand) string {
	pieces := []string{"a", "Z", " ", "<", ">", "&", "\"", "\\", "\n", "\t", "\x00", "\x1b", "\x7f", "é", "ب", "😀", "\u2028", "\u2029", "\xff", "\xe2\x82", "\xc3", "–"}
	var sb strings.Builder
	for range r.IntN(12) {
		sb.WriteString(pieces[r.IntN(len(pieces))])
	}
	return sb.String()
}

func randRecord(r *rand.Rand, depth int) record {
	rec := record{
		Path: randString(r), Title: randString(r), Words: r.IntN(3) - 1,
		Rate:    math.Float64frombits(r.Uint64()),
		Small:   math.Float32frombits(r.Uint32()),
		Covered: r.IntN(2) == 0, Named: label(randString(r)),
	}
	if math.IsNaN(rec.Rate) || math.IsInf(rec.Rate, 0) {
		rec.Rate = r.NormFloat64() * math.Pow(10, float64(r.IntN(50)-25))
	}
	if math.IsNaN(float64(rec.Small)) || math.IsInf(float64(rec.Small), 0) {
		rec.Small = float32(r.ExpFloat64())
	}
	switch r.IntN(3) {
	case 0:
		rec.Tags = []string{}
	case 1:
		for range r.IntN(4) {
			rec.Tags = append(rec.Tags, randString(r))
		}
	}
	if r.IntN(2) == 0 {
		rec.Counts = map[string]int{}
		for range r.IntN(4) {
			rec.Counts[randString(r)] = r.IntN(100)
		}
	}
	if depth < 2 && r.IntN(3) == 0 {
		n := randRecord(r, depth+1)
		rec.Next = &n
	}
	switch r.IntN(4) {
	case 0:
		rec.Any = randString(r)
	case 1:
		rec.Any = []any{r.Float64(), randString(r), nil}
	case 2:
		rec.Any = map[string]any{randString(r): r.IntN(2) == 0}
	}
	return rec
}

func TestRandomRecords(t *testing.T) {
	r := rand.New(rand.NewPCG(18, 6))
	for i := range 300 {
		recs := make([]record, r.IntN(4))
		for j := range recs {
			recs[j] = randRecord(r, 0)
		}
		same(t, "random "+string(rune('a'+i%26)), recs)
	}
}

func FuzzString(f *testing.F) {
	for _, s := range []string{"", "<&>", "\u2028", "\xff", "\x00\x1f", "é😀", "a\"b\\c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		w, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		if got := AppendString(nil, s); !bytes.Equal(got, w) {
			t.Fatalf("%q: got %s, want %s", s, got, w)
		}
	})
}

func TestErrorNamesTheField(t *testing.T) {
	_, err := New().AppendLine(nil, struct {
		Rates []float64 `json:"rates"`
	}{[]float64{math.Inf(-1)}})
	var uv *json.UnsupportedValueError
	if !errors.As(err, &uv) || !strings.Contains(err.Error(), `"rates"`) {
		t.Fatalf("error %v: want encoding/json's UnsupportedValueError naming the field", err)
	}
}

// duplicateNames is a struct whose two fields claim one JSON name
// (encoding/json writes neither), built at run time: vet refuses the
// literal type.
func duplicateNames() any {
	t := reflect.StructOf([]reflect.StructField{
		{Name: "A", Type: reflect.TypeFor[int](), Tag: `json:"x"`},
		{Name: "B", Type: reflect.TypeFor[int](), Tag: `json:"x"`},
		{Name: "C", Type: reflect.TypeFor[int](), Tag: `json:"y"`},
	})
	v := reflect.New(t).Elem()
	v.Field(0).SetInt(1)
	v.Field(1).SetInt(2)
	v.Field(2).SetInt(3)
	return v.Interface()
}

// oddTags is a struct with tags encoding/json reads in its own way (a
// field named "-", a name it refuses for the field's own, options only),
// built at run time: vet and staticcheck refuse them as literals.
func oddTags() any {
	t := reflect.StructOf([]reflect.StructField{
		{Name: "Dash", Type: reflect.TypeFor[string](), Tag: `json:"-,"`},
		{Name: "BadTag", Type: reflect.TypeFor[int](), Tag: `json:"a\\b"`},
		{Name: "OnlyOpts", Type: reflect.TypeFor[[]int](), Tag: `json:",omitempty"`},
		{Name: "Punct", Type: reflect.TypeFor[bool](), Tag: `json:"a-b.c$"`},
	})
	v := reflect.New(t).Elem()
	v.Field(0).SetString("dash")
	v.Field(1).SetInt(6)
	v.Field(3).SetBool(true)
	return []any{v.Interface(), reflect.Zero(t).Interface()}
}

// The embedded shapes this package writes itself, and those it hands to
// encoding/json (the bytes are checked in TestTheEncodersBytes).
func TestEmbeddedStructsWrittenOrHandedOn(t *testing.T) {
	for typ, own := range map[reflect.Type]bool{
		reflect.TypeFor[withCount](): true, reflect.TypeFor[nested](): true, reflect.TypeFor[taggedEmbed](): true,
		reflect.TypeFor[hiddenLabel](): true, reflect.TypeFor[embedded](): false,
		reflect.TypeFor[shadowed](): false, reflect.TypeFor[hiddenEmbed](): false, reflect.TypeFor[twice](): false,
	} {
		if _, ok := New().structFields(typ); ok != own {
			t.Errorf("%s: written here %v, want %v", typ, ok, own)
		}
	}
}
