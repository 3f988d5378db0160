package partcodec

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"reflect"
	"strings"
	"testing"

	"github.com/parallaxworkbench/parallax/internal/alias"
	"github.com/parallaxworkbench/parallax/internal/entity"
	"github.com/parallaxworkbench/parallax/internal/framing"
	"github.com/parallaxworkbench/parallax/internal/reuse"
)

// fill sets every exported field of v, recursively, to a value told apart
// from the zero value and from its neighbours: a field the codec forgot
// (one added to the type later) fails the round trip.
func fill(v reflect.Value, seed *int) {
	*seed++
	switch v.Kind() {
	case reflect.String:
		if *seed%5 == 0 { // a long one, not interned
			v.SetString(fmt.Sprintf("%0100d", *seed))
			return
		}
		v.SetString(fmt.Sprintf("s%d", *seed%7)) // repeats: interned
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if v.Type() == reflect.TypeOf(entity.Kind(0)) {
			v.SetInt(int64(*seed % 4))
			return
		}
		v.SetInt(int64(*seed))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(uint64(*seed))
	case reflect.Float32, reflect.Float64:
		v.SetFloat(float64(*seed) + 0.25)
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Pointer:
		p := reflect.New(v.Type().Elem())
		fill(p.Elem(), seed)
		v.Set(p)
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 2, 2)
		fill(s.Index(0), seed)
		fill(s.Index(1), seed)
		v.Set(s)
	case reflect.Map:
		m := reflect.MakeMap(v.Type())
		k := reflect.New(v.Type().Key()).Elem()
		fill(k, seed)
		e := reflect.New(v.Type().Elem()).Elem()
		fill(e, seed)
		m.SetMapIndex(k, e)
		v.Set(m)
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fill(v.Field(i), seed)
			}
		}
	}
}

func filled[T any](seed *int) T {
	var v T
	fill(reflect.ValueOf(&v).Elem(), seed)
	return v
}

func TestDocRoundTrip(t *testing.T) {
	seed := 0
	ms := []entity.Mention{filled[entity.Mention](&seed), filled[entity.Mention](&seed), {}}
	held := entity.Held{Mentions: []entity.Mention{filled[entity.Mention](&seed)}, NameKeys: []string{"a", "", "a"}}
	for _, c := range []struct {
		name string
		ms   []entity.Mention
		held entity.Held
	}{
		{"filled", ms, held},
		{"nil", nil, entity.Held{}},
		{"empty", []entity.Mention{}, entity.Held{Mentions: []entity.Mention{}, NameKeys: []string{}}},
	} {
		gotMs, gotHeld, err := DecodeDoc(EncodeDoc(c.ms, c.held))
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if !reflect.DeepEqual(gotMs, c.ms) || !reflect.DeepEqual(gotHeld, c.held) {
			t.Errorf("%s: round trip\n got %#v %#v\nwant %#v %#v", c.name, gotMs, gotHeld, c.ms, c.held)
		}
	}
}

func TestEntitiesRoundTrip(t *testing.T) {
	seed := 0
	all := make([]entity.Mention, 5)
	for i := range all {
		all[i] = filled[entity.Mention](&seed)
	}
	e1 := filled[alias.Entity](&seed)
	e2 := filled[alias.Entity](&seed)
	e1.ID, e2.ID = "e-one", "e-two"
	// windows in another order than the entities'
	e1.Mentions = all[3:5:5]
	e2.Mentions = all[0:3:3]
	e2.Merges = []alias.Merge{} // empty, not nil
	e2.Attached = nil
	res := alias.Restore([]*alias.Entity{&e1, &e2}, []alias.Suggestion{filled[alias.Suggestion](&seed)},
		map[string]*alias.Entity{"k1": &e1, "k2": &e2, "k3": &e2})
	data, err := EncodeEntities(all, res)
	if err != nil {
		t.Fatal(err)
	}
	got, err := DecodeEntities(data)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Mentions, all) {
		t.Errorf("mentions differ")
	}
	if len(got.Result.Entities) != 2 {
		t.Fatalf("%d entities", len(got.Result.Entities))
	}
	for i, want := range []*alias.Entity{&e1, &e2} {
		g := got.Result.Entities[i]
		if !reflect.DeepEqual(g, want) {
			t.Errorf("entity %d:\n got %#v\nwant %#v", i, g, want)
		}
		// a window of the decoded mentions, not a copy
		if len(g.Mentions) > 0 && &g.Mentions[0] != &got.Mentions[map[int]int{0: 3, 1: 0}[i]] {
			t.Errorf("entity %d: its mentions are not a window of the decoded ones", i)
		}
		if got.Result.Entity(want.ID) != g {
			t.Errorf("Entity(%q) is not the decoded entity", want.ID)
		}
	}
	if !reflect.DeepEqual(got.Result.Suggestions, res.Suggestions) {
		t.Errorf("suggestions: %#v", got.Result.Suggestions)
	}
	keys := got.Result.KeyIndex()
	if len(keys) != 3 || keys["k1"].ID != "e-one" || keys["k3"].ID != "e-two" {
		t.Errorf("keys: %v", keys)
	}

	// mentions that are not windows of all are refused, not written wrong
	e1.Mentions = append([]entity.Mention(nil), all[3:5]...)
	if _, err := EncodeEntities(all, res); err == nil {
		t.Errorf("an entity whose mentions are a copy was encoded")
	}
}

func TestValueRoundTrip(t *testing.T) {
	seed := 0
	fr := filled[*framing.Analysis](&seed)
	fr.Outlets[0].Stances = nil
	fr.Documents[1].Terms = []framing.CategoryCount{}
	var got *framing.Analysis
	data, err := EncodeValue(fr)
	if err != nil {
		t.Fatal(err)
	}
	if err := DecodeValue(data, &got); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, fr) {
		t.Errorf("framing round trip:\n got %#v\nwant %#v", got, fr)
	}
	if got.Outlets[0].Stances != nil || got.Documents[1].Terms == nil {
		t.Errorf("nil and empty slices not kept apart")
	}

	ps := filled[[]reuse.Passage](&seed)
	data, err = EncodeValue(ps)
	if err != nil {
		t.Fatal(err)
	}
	var gotPs []reuse.Passage
	if err := DecodeValue(data, &gotPs); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(gotPs, ps) {
		t.Errorf("passages round trip:\n got %#v\nwant %#v", gotPs, ps)
	}
	// a blob of another type (another shape) is refused
	var other []framing.Voice
	if err := DecodeValue(data, &other); !errors.Is(err, ErrCorrupt) {
		t.Errorf("passages decoded as voices: %v", err)
	}
}

func TestValueRefusesWhatItWouldLose(t *testing.T) {
	type hidden struct {
		A int
		b string
	}
	type iface struct{ V any }
	for _, v := range []any{hidden{1, "x"}, iface{1}, map[int]string{1: "a"}} {
		if _, err := EncodeValue(v); err == nil {
			t.Errorf("%T encoded", v)
		}
	}
}

// withCRC replaces a blob's checksum by that of its (changed) body, so
// that the decoder itself meets the damage.
func withCRC(b []byte) []byte {
	if len(b) < 4 {
		return b
	}
	body := b[:len(b)-4]
	return binary.LittleEndian.AppendUint32(append([]byte(nil), body...), crc32.ChecksumIEEE(body))
}

func sampleBlobs(t testing.TB) [][]byte {
	seed := 0
	ms := []entity.Mention{filled[entity.Mention](&seed), filled[entity.Mention](&seed)}
	doc := EncodeDoc(ms, entity.Held{Mentions: ms[:1], NameKeys: []string{"x"}})
	e := filled[alias.Entity](&seed)
	e.Mentions = ms[1:2]
	ents, err := EncodeEntities(ms, alias.Restore([]*alias.Entity{&e}, nil, map[string]*alias.Entity{"x": &e}))
	if err != nil {
		t.Fatal(err)
	}
	val, err := EncodeValue(filled[*framing.Analysis](&seed))
	if err != nil {
		t.Fatal(err)
	}
	return [][]byte{doc, ents, val}
}

func decodeAll(b []byte) []error {
	_, _, e1 := DecodeDoc(b)
	_, e2 := DecodeEntities(b)
	var fr *framing.Analysis
	e3 := DecodeValue(b, &fr)
	return []error{e1, e2, e3}
}

// Every truncation and every flipped byte is an error (the checksum), and
// with the checksum made to match, the decoders still never panic.
func TestDamagedBlobs(t *testing.T) {
	for _, blob := range sampleBlobs(t) {
		for n := 0; n < len(blob); n++ {
			for _, err := range decodeAll(blob[:n]) {
				if err == nil {
					t.Fatalf("a blob cut to %d of %d bytes decoded", n, len(blob))
				}
			}
		}
		for i := range blob {
			b := append([]byte(nil), blob...)
			b[i] ^= 0x5a
			for _, err := range decodeAll(b) {
				if err == nil {
					t.Fatalf("a blob with byte %d flipped decoded", i)
				}
			}
			decodeAll(withCRC(b)) // must not panic
			decodeAll(withCRC(b[:i]))
		}
	}
}

func FuzzDecode(f *testing.F) {
	for _, b := range sampleBlobs(f) {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		decodeAll(withCRC(b))
	})
}

func TestValueKeepsBytesAsTheyAre(t *testing.T) {
	type packed struct {
		Nil, Empty, Data []byte
		Raw              json.RawMessage // a named byte slice
		After            string          // what follows the bytes is still read
	}
	in := packed{Empty: []byte{}, Data: []byte{0, 1, 127, 128, 255}, Raw: json.RawMessage(`{"a":1}`), After: "end"}
	data, err := EncodeValue(in)
	if err != nil {
		t.Fatal(err)
	}
	var got packed
	if err := DecodeValue(data, &got); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, in) || got.Nil != nil || got.Empty == nil {
		t.Errorf("bytes round trip:\n got %#v\nwant %#v", got, in)
	}
	// cut inside the bytes: refused, not read past the end
	if err := DecodeValue(data[:len(data)-6], &got); !errors.Is(err, ErrCorrupt) {
		t.Errorf("cut blob: %v", err)
	}
}

// CheckValue accepts what DecodeValue would decode and refuses, without
// decoding, a truncated or flipped blob and one of another type.
func TestCheckValue(t *testing.T) {
	seed := 0
	fr := filled[*framing.Analysis](&seed)
	data, err := EncodeValue(fr)
	if err != nil {
		t.Fatal(err)
	}
	flipped := append([]byte(nil), data...)
	flipped[len(flipped)/2] ^= 0x40
	for _, c := range []struct {
		name string
		data []byte
		ok   bool
	}{
		{"whole", data, true},
		{"truncated", data[:len(data)/2], false},
		{"flipped byte", flipped, false},
		{"empty", nil, false},
		{"not a value", EncodeDoc(nil, entity.Held{}), false},
	} {
		var got *framing.Analysis
		err := CheckValue(c.data, &got)
		if (err == nil) != c.ok {
			t.Errorf("%s: CheckValue = %v, want ok %v", c.name, err, c.ok)
		}
		if got != nil {
			t.Errorf("%s: CheckValue filled the value", c.name)
		}
		if derr := DecodeValue(c.data, &got); (derr == nil) != c.ok {
			t.Errorf("%s: DecodeValue = %v disagrees with CheckValue", c.name, derr)
		}
	}
	var voices []framing.Voice
	if err := CheckValue(data, &voices); !errors.Is(err, ErrCorrupt) {
		t.Errorf("a framing checked as voices: %v", err)
	}
	if err := CheckValue(data, voices); err == nil {
		t.Errorf("a non-pointer was accepted")
	}
}

// largeRows is a value of about 20 MB, many short strings and numbers.
type largeRow struct {
	Name  string
	Text  string
	N     int
	Score float64
	On    bool
}

func largeRows() []largeRow {
	rows := make([]largeRow, 150000)
	for i := range rows {
		rows[i] = largeRow{Name: fmt.Sprintf("name %d", i%5000), Text: strings.Repeat("long text, not interned ", 1+i%7) + fmt.Sprint(i), N: i * 7, Score: float64(i) / 3, On: i%3 == 0}
	}
	return rows
}

// encodeOneSlice encodes v as EncodeValue did before it wrote in chunks:
// one slice grown by append.
func encodeOneSlice(tb testing.TB, v any) []byte {
	c, err := build(reflect.TypeOf(v), map[reflect.Type]*valueCodec{})
	if err != nil {
		tb.Fatal(err)
	}
	w := newWriter(kindValue, 1<<16)
	w.b = binary.LittleEndian.AppendUint64(w.b, typeHash(reflect.TypeOf(v)))
	c.enc(w, reflect.ValueOf(v))
	return w.finish()
}

// BenchmarkEncodeLarge encodes a 20 MB value in chunks (EncodeValue) and,
// as the baseline, in one slice grown by append: B/op is the garbage
// each leaves (the one slice's growth copies it several times over).
func BenchmarkEncodeLarge(b *testing.B) {
	rows := largeRows()
	b.Run("baseline-one-slice", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			encodeOneSlice(b, rows)
		}
	})
	b.Run("chunked", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := EncodeValue(rows); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// A value of several chunks is written in chunks and joined: the same
// bytes as one slice grown by append, decoded back whole, its CRC over
// every chunk.
func TestLargeValueInChunks(t *testing.T) {
	rows := largeRows()
	data, err := EncodeValue(rows)
	if err != nil {
		t.Fatal(err)
	}
	if len(data) < 3*writerChunk {
		t.Fatalf("%d bytes: the test needs a value of several chunks", len(data))
	}
	// the same value through a writer that never spills
	if whole := encodeOneSlice(t, rows); !bytes.Equal(whole, data) {
		t.Errorf("chunked %d bytes differ from the one-slice encoding's %d", len(data), len(whole))
	}
	var got []largeRow
	if err := DecodeValue(data, &got); err != nil || !reflect.DeepEqual(got, rows) {
		t.Errorf("round trip: %d rows (%v)", len(got), err)
	}
	// a byte changed in a middle chunk is caught by the CRC
	bad := append([]byte(nil), data...)
	bad[2*writerChunk+17] ^= 0x40
	if err := DecodeValue(bad, &got); !errors.Is(err, ErrCorrupt) {
		t.Errorf("a damaged middle chunk decoded: %v", err)
	}
}

// A field tagged `partcodec:"-"` (a cache a value holds for itself) is
// neither encoded nor part of the type's signature; it decodes as zero.
func TestValueSkipsTaggedFields(t *testing.T) {
	type plain struct {
		A int
		B []string
	}
	type cached struct {
		A     int
		cache *int `partcodec:"-"`
		B     []string
		C     map[string]int `partcodec:"-"`
	}
	n := 7
	data, err := EncodeValue(cached{A: 1, cache: &n, B: []string{"x"}, C: map[string]int{"y": 2}})
	if err != nil {
		t.Fatal(err)
	}
	var got cached
	if err := DecodeValue(data, &got); err != nil {
		t.Fatal(err)
	}
	if got.A != 1 || !reflect.DeepEqual(got.B, []string{"x"}) || got.cache != nil || got.C != nil {
		t.Errorf("decoded %+v", got)
	}
	if a, b := TypeSignature(reflect.TypeOf(cached{})), TypeSignature(reflect.TypeOf(plain{})); a != b {
		t.Errorf("signatures differ: %s and %s", a, b)
	}
}
