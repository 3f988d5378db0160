package websearch

import "testing"

func TestParse(t *testing.T) {
	tests := []struct {
		in, fts5, web string
	}{
		{"ceasefire talks", `(("ceasefire" AND "talks"))`, "ceasefire talks"},
		{`"Gaza City" -rafah`, `(("gaza city") NOT "rafah")`, `"gaza city" -rafah`},
		{"-rafah gaza", `(("gaza") NOT "rafah")`, "gaza -rafah"},
		{"truce or ceasefire", `(("truce")) OR (("ceasefire"))`, "truce or ceasefire"},
		{"U.S. Élysée", `(("u s" AND "elysee"))`, `"u s" elysee`},
		{"-only -excluded", "", ""},
		{"or", "", ""},
		{`"or" nothing`, `(("or" AND "nothing"))`, `"or" nothing`},
		{`"unclosed phrase`, `(("unclosed phrase"))`, `"unclosed phrase"`},
		{`say "x""y"`, `(("say" AND "x" AND "y"))`, `say x y`},
		{"Москва Путин", `(("москва" AND "путин"))`, "москва путин"},
		{"   ", "", ""},
	}
	for _, tt := range tests {
		q := Parse(tt.in)
		if got := q.FTS5(); got != tt.fts5 {
			t.Errorf("Parse(%q).FTS5() = %s, want %s", tt.in, got, tt.fts5)
		}
		if got := q.Web(); got != tt.web {
			t.Errorf("Parse(%q).Web() = %s, want %s", tt.in, got, tt.web)
		}
		if q.Empty() != (tt.fts5 == "") {
			t.Errorf("Parse(%q).Empty() = %v", tt.in, q.Empty())
		}
	}
}

func TestIndexText(t *testing.T) {
	if got := IndexText("The U.S.-led «talks», São Paulo!"); got != "the u s led talks sao paulo" {
		t.Errorf("IndexText = %q", got)
	}
}
