package ui

import (
	"fmt"
	"net/url"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// prefStore is where the app keeps its analyses (issue 18): "" for the
// embedded store in each project's .parallax folder (the default),
// "none" for none, or a PostgreSQL server's URL.
const prefStore = "store"

// The choices of the store setting, as the dialog shows them.
const (
	storeChoiceEmbedded = "In the project folder (embedded, the default)"
	storeChoiceServer   = "On a PostgreSQL server"
	storeChoiceNone     = "Nowhere: analyse again at every opening"
)

// StoreSetting returns the app's store setting: "" (the embedded store),
// "none", or a server URL. The program's loader opens projects with it.
func StoreSetting(a fyne.App) string {
	return a.Preferences().String(prefStore)
}

// storeSettingFrom turns the dialog's choice and URL into a setting, or
// says what is wrong with the URL.
func storeSettingFrom(choice, serverURL string) (string, error) {
	switch choice {
	case storeChoiceEmbedded:
		return "", nil
	case storeChoiceNone:
		return "none", nil
	case storeChoiceServer:
	default:
		return "", fmt.Errorf("unknown store choice %q", choice)
	}
	serverURL = strings.TrimSpace(serverURL)
	u, err := url.Parse(serverURL)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") || (u.Host == "" && u.Query().Get("host") == "") {
		return "", fmt.Errorf("the server's address must be a URL like postgres://analyst@db.example.org/parallax (postgres://…?host=/run/postgresql for a local socket)")
	}
	return serverURL, nil
}

// storeChoiceOf is the dialog's choice for a setting.
func storeChoiceOf(setting string) string {
	switch setting {
	case "":
		return storeChoiceEmbedded
	case "none":
		return storeChoiceNone
	}
	return storeChoiceServer
}

// ShowStoreSettings shows the store setting; saving it opens the open
// project again with the new store.
func (w *Workbench) ShowStoreSettings() {
	cur := StoreSetting(w.app)
	serverURL := widget.NewEntry()
	serverURL.SetPlaceHolder("postgres://analyst@db.example.org/parallax")
	if storeChoiceOf(cur) == storeChoiceServer {
		serverURL.SetText(cur)
	}
	choice := widget.NewRadioGroup([]string{storeChoiceEmbedded, storeChoiceServer, storeChoiceNone}, func(c string) {
		if c == storeChoiceServer {
			serverURL.Enable()
		} else {
			serverURL.Disable()
		}
	})
	choice.Required = true
	choice.SetSelected(storeChoiceOf(cur))
	serverURL.Validator = func(s string) error {
		if choice.Selected != storeChoiceServer {
			return nil
		}
		_, err := storeSettingFrom(storeChoiceServer, s)
		return err
	}
	hint := widget.NewLabel("Where Parallax keeps each project's analysis, so that a project opens\n" +
		"without analysing it again. A server lets several analysts share a project.")
	hint.Importance = widget.LowImportance
	items := []*widget.FormItem{
		widget.NewFormItem("", hint),
		widget.NewFormItem("Keep analyses", choice),
		widget.NewFormItem("Server", serverURL),
	}
	d := dialog.NewForm("Project Store", "Save", "Cancel", items, func(ok bool) {
		if !ok {
			return
		}
		setting, err := storeSettingFrom(choice.Selected, serverURL.Text)
		if err != nil {
			w.showError(err)
			return
		}
		w.setStoreSetting(setting)
	}, w.win)
	d.Resize(fyne.NewSize(620, 0))
	d.Show()
}

// setStoreSetting saves the store setting and opens the open project
// again, with the new store.
func (w *Workbench) setStoreSetting(setting string) {
	if setting == StoreSetting(w.app) {
		return
	}
	w.app.Preferences().SetString(prefStore, setting)
	if p := w.ctrl.Project(); p != nil {
		w.OpenFolder(p.Dir)
	}
}

// storeLine describes the open project's store for the About box and the
// status bar; "" when no project is open.
func (w *Workbench) storeLine() string {
	p := w.ctrl.Project()
	if p == nil {
		return ""
	}
	if p.Store == "" {
		return "store: none"
	}
	return "store: " + p.Store
}
