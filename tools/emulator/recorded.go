package emulator

import (
	"bytes"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// RecordedDirName is where the recorded traffic lives in the repository.
const RecordedDirName = "testdata/recorded"

// FindRecordedDir walks up from dir looking for testdata/recorded/MANIFEST.json
// and returns the directory, or "" when there is none.
func FindRecordedDir(dir string) string {
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs
	}
	for dir != "" {
		p := filepath.Join(dir, RecordedDirName)
		if st, err := os.Stat(filepath.Join(p, "MANIFEST.json")); err == nil && st.Mode().IsRegular() {
			return p
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		dir = parent
	}
	return ""
}

func (h *Handler) recordedDir() string {
	if h.cfg.RecordedDir != "" {
		return h.cfg.RecordedDir
	}
	wd, _ := os.Getwd()
	return FindRecordedDir(wd)
}

// recorded answers with the recorded case name: its status, headers and body
// byte for byte (streams split into events, so pacing and faults apply).
// The request-id header stays the emulator's; the recorded one, if any, is
// sent as x-emulator-recorded-request-id. The request body is not validated.
func (x *exchange) recorded(name string) *response {
	bad := func(msg string) *response {
		return x.apiError(http.StatusBadRequest, "invalid_request_error", HeaderCase+": "+msg)
	}
	if name != filepath.Base(name) || strings.HasPrefix(name, ".") {
		return bad("invalid case name " + strconv.Quote(name))
	}
	root := x.h.recordedDir()
	if root == "" {
		return bad("no recorded cases: set Config.RecordedDir (or -recorded) to testdata/recorded")
	}
	dir := filepath.Join(root, name)
	meta, err := os.ReadFile(filepath.Join(dir, "response.json"))
	if err != nil {
		return bad("unknown case " + strconv.Quote(name))
	}
	var rec struct {
		Status   int               `json:"status"`
		Headers  map[string]string `json:"headers"`
		BodyFile string            `json:"body_file"`
	}
	if err := json.Unmarshal(meta, &rec); err != nil || rec.BodyFile != filepath.Base(rec.BodyFile) {
		return bad("case " + strconv.Quote(name) + " has a bad response.json")
	}
	body, err := os.ReadFile(filepath.Join(dir, rec.BodyFile))
	if err != nil {
		return bad("case " + strconv.Quote(name) + ": " + err.Error())
	}
	resp := &response{status: rec.Status, header: http.Header{}}
	for k, v := range rec.Headers {
		switch strings.ToLower(k) {
		case "request-id":
			resp.header.Set("x-emulator-recorded-request-id", v)
		case "content-length", "transfer-encoding":
		default:
			resp.header.Set(k, v)
		}
	}
	if strings.HasSuffix(rec.BodyFile, ".sse") {
		resp.events = splitEvents(body)
		return resp
	}
	resp.body = body
	return resp
}

// splitEvents cuts an SSE body after each blank line, keeping every byte.
func splitEvents(body []byte) [][]byte {
	var evs [][]byte
	for len(body) > 0 {
		i := bytes.Index(body, []byte("\n\n"))
		if i < 0 {
			evs = append(evs, body)
			break
		}
		evs = append(evs, body[:i+2])
		body = body[i+2:]
	}
	return evs
}
