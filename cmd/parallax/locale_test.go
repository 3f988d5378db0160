package main

import "testing"

func TestParseableLocale(t *testing.T) {
	cases := []struct {
		env  map[string]string
		want map[string]string
	}{
		{map[string]string{"LANG": "C"}, map[string]string{"LANG": "en_US.UTF-8"}},
		{map[string]string{"LANG": "C.UTF-8", "LC_ALL": "POSIX"}, map[string]string{"LANG": "en_US.UTF-8", "LC_ALL": "en_US.UTF-8"}},
		{map[string]string{"LANG": "fr_FR.UTF-8"}, map[string]string{"LANG": "fr_FR.UTF-8"}},
		{map[string]string{"LANG": "ar_SA.UTF-8", "LC_MESSAGES": "C"}, map[string]string{"LANG": "ar_SA.UTF-8", "LC_MESSAGES": "en_US.UTF-8"}},
		{map[string]string{}, map[string]string{}},
	}
	for _, c := range cases {
		env := map[string]string{}
		for k, v := range c.env {
			env[k] = v
		}
		err := parseableLocale(func(k string) string { return env[k] }, func(k, v string) error { env[k] = v; return nil })
		if err != nil {
			t.Fatal(err)
		}
		if len(env) != len(c.want) {
			t.Errorf("%v → %v, want %v", c.env, env, c.want)
		}
		for k, v := range c.want {
			if env[k] != v {
				t.Errorf("%v → %s=%q, want %q", c.env, k, env[k], v)
			}
		}
	}
}
