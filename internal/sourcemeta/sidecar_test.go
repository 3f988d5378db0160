package sourcemeta

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parallaxworkbench/parallax/internal/document"
)

func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestLoadSidecarCSV(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "sources.csv", "\ufeffURL,File,Title,Outlet,Date,Authors,Bias\r\n"+
		"https://example.com/a,a/one.txt,\"Troops leave, at last\",Example Post,\"June 30, 2021\",Jane Roe,left\r\n"+
		"https://example.com/b,./two.txt,\"He said \"\"no\"\"\",Example Times,2020-01-01T10:38:00Z,,right\r\n"+
		"https://example.com/c,three.txt,T,O,not a date,,\r\n")
	s, err := LoadSidecar(dir)
	if err != nil || s == nil {
		t.Fatalf("LoadSidecar: %v", err)
	}
	m, ok := s.Lookup("a/one.txt")
	if !ok {
		t.Fatal("a/one.txt not found")
	}
	check := func(f document.Field, v, rule string) {
		t.Helper()
		if f.Value != v || f.Source != document.FromSidecar || f.Rule != rule {
			t.Errorf("got %+v, want %q by %s", f, v, rule)
		}
	}
	check(m.Title, "Troops leave, at last", "sources.csv:title")
	check(m.Outlet, "Example Post", "sources.csv:outlet")
	check(m.Date, "2021-06-30", "sources.csv:date")
	check(m.Author, "Jane Roe", "sources.csv:authors")
	check(m.URL, "https://example.com/a", "sources.csv:url")
	if e := s.Extra("a/one.txt"); e["bias"] != "left" {
		t.Errorf("extra = %v", e)
	}
	m, ok = s.Lookup("two.txt")
	if !ok || m.Title.Value != `He said "no"` || m.Date.Value != "2020-01-01T10:38" || m.Author.Value != "" {
		t.Errorf("two.txt = %+v, %v", m, ok)
	}
	m, ok = s.Lookup("three.txt")
	if !ok || m.Date.Value != "" {
		t.Errorf("an unparsable date must stay empty: %+v", m.Date)
	}
	if len(s.Warnings) != 1 || !strings.Contains(s.Warnings[0], "sources.csv:4") {
		t.Errorf("warnings = %v", s.Warnings)
	}
	if _, ok := s.Lookup("missing.txt"); ok {
		t.Error("missing.txt found")
	}
}

func TestLoadSidecarTSV(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "index.tsv", "file\toutlet\tdate\tauthors\ttitle\turl\tbias\n"+
		"2015/a.txt\tWashington Example\t2015-07-02\tJane Roe\t\"Quoted \"\"title\"\" here\"\thttp://x\tright\n"+
		"2015/b.txt\tVox Example\t2017-07-05\t\t\"Raw\" quote, not CSV\thttp://y\tleft\n")
	s, err := LoadSidecar(dir)
	if err != nil || s == nil {
		t.Fatalf("LoadSidecar: %v", err)
	}
	a, _ := s.Lookup("2015/a.txt")
	b, _ := s.Lookup("2015/b.txt")
	if a.Title.Value != `Quoted "title" here` || b.Title.Value != `"Raw" quote, not CSV` {
		t.Errorf("titles %q / %q", a.Title.Value, b.Title.Value)
	}
	if a.Outlet.Rule != "index.tsv:outlet" {
		t.Errorf("rule %q", a.Outlet.Rule)
	}
}

func TestLoadSidecarOtherNameAndNone(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "data.csv", "x,y\n1,2\n")
	if s, err := LoadSidecar(dir); s != nil || err != nil {
		t.Fatalf("a table without a file column is no sidecar: %v %v", s, err)
	}
	writeFile(t, dir, "meta.tsv", "Outlet\tFILE\nExample\tone.md\n")
	s, err := LoadSidecar(dir)
	if err != nil || s == nil || s.Name != "meta.tsv" {
		t.Fatalf("meta.tsv: %v %v", s, err)
	}
	if m, ok := s.Lookup("one.md"); !ok || m.Outlet.Value != "Example" {
		t.Errorf("one.md = %+v", m)
	}
}

func TestLoadSidecarErrors(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "sources.csv", "file,outlet\na.txt,\"unterminated\nb.txt,x\n")
	_, err := LoadSidecar(dir)
	if err == nil || !strings.Contains(err.Error(), "sources.csv:2") {
		t.Errorf("want an error naming sources.csv:2, got %v", err)
	}
	dir2 := t.TempDir()
	writeFile(t, dir2, "sources.csv", "outlet,title\nx,y\n")
	if _, err := LoadSidecar(dir2); err == nil || !strings.Contains(err.Error(), "sources.csv:1") {
		t.Errorf("want a missing-column error naming line 1, got %v", err)
	}
}

func TestSidecarLanguageColumn(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "sources.csv", "file,outlet,language\na.txt,A,RU\nb.txt,B,Persian\nc.txt,C,fa-IR\nd.txt,D,Elvish\n")
	s, err := LoadSidecar(dir)
	if err != nil || s == nil {
		t.Fatalf("LoadSidecar: %v", err)
	}
	for file, want := range map[string]string{"a.txt": "ru", "b.txt": "fa", "c.txt": "fa", "d.txt": ""} {
		m, ok := s.Lookup(file)
		if !ok {
			t.Fatalf("%s not found", file)
		}
		if m.Language.Value != want || want != "" && (m.Language.Source != document.FromSidecar || m.Language.Rule != "sources.csv:language") {
			t.Errorf("%s: language %+v, want %q from the sidecar", file, m.Language, want)
		}
	}
	if len(s.Warnings) != 1 || !strings.Contains(s.Warnings[0], "Elvish") {
		t.Errorf("warnings %q, want one naming the unknown language", s.Warnings)
	}
}
