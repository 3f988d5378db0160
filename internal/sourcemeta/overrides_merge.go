package sourcemeta

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"

	"github.com/parallaxworkbench/parallax/internal/statedoc"
)

// Two windows, or two analysts on a shared folder, may edit one project's
// sources.json at once. Each Overrides remembers what it loaded (base);
// saving re-reads the file under the project's lock and applies only this
// writer's changes (base → data) to what is on disk now, so neither
// writer's edits are lost. When both changed the same value, the later
// save wins for that value only.

// LoadOverridesFrom reads sources.json from the project's state documents
// (its folder or its store); none gives empty overrides, and content that
// does not parse is an error naming where it is.
func LoadOverridesFrom(ctx context.Context, docs statedoc.Docs) (*Overrides, error) {
	data, ok, err := docs.Read(ctx, OverridesFile)
	if err != nil {
		return nil, err // names the file or the store
	}
	if !ok {
		return NewOverrides(), nil
	}
	o, err := parseOverrides(data)
	if err != nil {
		return nil, fmt.Errorf("%s is corrupt (fix or remove it; it is left untouched): %w", where(docs), err)
	}
	return o, nil
}

// where names sources.json for messages: the file, or the key in a store.
func where(docs statedoc.Docs) string {
	if docs.Kind() == "folder" {
		return filepath.Join(filepath.Dir(docs.Where()), filepath.FromSlash(OverridesFile))
	}
	return OverridesFile + " in " + docs.Where()
}

// SaveTo writes the overrides into the project's state documents (its
// folder or its store), merging this writer's changes into sources.json as
// it is now in one step that no other writer interleaves with; o then
// holds the merged whole. Like Save it refuses to replace content that
// does not parse.
func (o *Overrides) SaveTo(ctx context.Context, docs statedoc.Docs) error {
	return o.save(ctx, docs, false)
}

// SaveReplacingTo is SaveTo that writes even over content that does not
// parse (a file is kept as its backup, a store's version in its history).
func (o *Overrides) SaveReplacingTo(ctx context.Context, docs statedoc.Docs) error {
	return o.save(ctx, docs, true)
}

// save writes o merged into the current sources.json; replace writes over
// content that does not parse.
func (o *Overrides) save(ctx context.Context, docs statedoc.Docs, replace bool) error {
	var merged overridesJSON
	err := docs.Update(ctx, OverridesFile, func(cur []byte, exists bool) ([]byte, error) {
		o.mu.Lock()
		defer o.mu.Unlock()
		merged = cloneOverrides(o.data)
		if exists {
			disk, perr := parseOverrides(cur)
			switch {
			case perr == nil:
				merged = mergeOverrides(o.base, o.data, disk.data)
			case !replace:
				return nil, fmt.Errorf("refusing to overwrite %s, which does not parse: %w", where(docs), perr)
			}
		}
		merged.Version = overridesVersion
		data, err := marshalOverrides(&merged)
		if err != nil {
			return nil, fmt.Errorf("encode overrides: %w", err)
		}
		return data, nil
	})
	if err != nil {
		return err
	}
	o.mu.Lock()
	o.data, o.base = merged, cloneOverrides(merged)
	o.mu.Unlock()
	return nil
}

// cloneOverrides copies d deeply.
func cloneOverrides(d overridesJSON) overridesJSON {
	c := d
	c.StanceScale = slices.Clone(d.StanceScale)
	if d.OutletStances != nil {
		c.OutletStances = make(map[string]string, len(d.OutletStances))
		for k, v := range d.OutletStances {
			c.OutletStances[k] = v
		}
	}
	if d.Documents != nil {
		c.Documents = make(map[string]*docOverride, len(d.Documents))
		for k, v := range d.Documents {
			if v == nil {
				continue
			}
			dc := &docOverride{Stance: v.Stance}
			if v.Fields != nil {
				dc.Fields = make(map[string]string, len(v.Fields))
				for f, x := range v.Fields {
					dc.Fields[f] = x
				}
			}
			c.Documents[k] = dc
		}
	}
	return c
}

// mergeOverrides applies the changes from base to mine onto cur (a fresh
// copy is returned; none of the three is modified).
func mergeOverrides(base, mine, cur overridesJSON) overridesJSON {
	out := cloneOverrides(cur)
	if !slices.Equal(base.StanceScale, mine.StanceScale) || base.FreeLabels != mine.FreeLabels {
		out.StanceScale = slices.Clone(mine.StanceScale)
		out.FreeLabels = mine.FreeLabels
		// Labels another writer added to the scale (free labels) stay.
		for _, l := range cur.StanceScale {
			if !slices.Contains(out.StanceScale, l) && !slices.Contains(base.StanceScale, l) {
				out.StanceScale = append(out.StanceScale, l)
			}
		}
	}

	// Outlet stances, compared by outlet key (case and spaces folded).
	type stance struct{ name, label string }
	byKey := func(m map[string]string) map[string]stance {
		r := map[string]stance{}
		for k, v := range m {
			r[outletKey(k)] = stance{k, v}
		}
		return r
	}
	b, m := byKey(base.OutletStances), byKey(mine.OutletStances)
	for key := range union(b, m) {
		if b[key] == m[key] {
			continue
		}
		for k := range out.OutletStances {
			if outletKey(k) == key {
				delete(out.OutletStances, k)
			}
		}
		if s, ok := m[key]; ok {
			if out.OutletStances == nil {
				out.OutletStances = map[string]string{}
			}
			out.OutletStances[s.name] = s.label
		}
	}

	// Documents: each field and the stance on their own.
	for path := range union(base.Documents, mine.Documents) {
		bd, md := base.Documents[path], mine.Documents[path]
		bf, mf := fieldsOf(bd), fieldsOf(md)
		for f := range union(bf, mf) {
			bv, bok := bf[f]
			mv, mok := mf[f]
			if bok == mok && bv == mv {
				continue
			}
			od := docIn(&out, path)
			if mok {
				if od.Fields == nil {
					od.Fields = map[string]string{}
				}
				od.Fields[f] = mv
			} else {
				delete(od.Fields, f)
			}
		}
		if stanceOf(bd) != stanceOf(md) {
			docIn(&out, path).Stance = stanceOf(md)
		}
		if d := out.Documents[path]; d != nil && len(d.Fields) == 0 && d.Stance == "" {
			delete(out.Documents, path)
		}
	}
	return out
}

func union[V any](a, b map[string]V) map[string]bool {
	r := make(map[string]bool, len(a)+len(b))
	for k := range a {
		r[k] = true
	}
	for k := range b {
		r[k] = true
	}
	return r
}

func fieldsOf(d *docOverride) map[string]string {
	if d == nil {
		return nil
	}
	return d.Fields
}

func stanceOf(d *docOverride) string {
	if d == nil {
		return ""
	}
	return d.Stance
}

func docIn(d *overridesJSON, path string) *docOverride {
	if d.Documents == nil {
		d.Documents = map[string]*docOverride{}
	}
	x := d.Documents[path]
	if x == nil {
		x = &docOverride{}
		d.Documents[path] = x
	}
	return x
}
