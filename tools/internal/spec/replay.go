package spec

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
)

// Manifest is MANIFEST.json of a recorded-traffic directory
// (testdata/recorded and the output of `contract live`).
type Manifest struct {
	FormatVersion int            `json:"format_version"`
	CaseCount     int            `json:"case_count"`
	Cases         []ManifestCase `json:"cases"`
}

// ManifestCase is one case of a Manifest; the replay ignores the other
// fields (features, source, notes).
type ManifestCase struct {
	Name      string   `json:"name"`
	Category  string   `json:"category,omitempty"`
	Endpoint  string   `json:"endpoint"`
	Method    string   `json:"method"`
	Streaming bool     `json:"streaming"`
	Kind      string   `json:"kind,omitempty"`
	Status    int      `json:"status"`
	Files     []string `json:"files,omitempty"`
}

// RecordedResponse is response.json of a case directory.
type RecordedResponse struct {
	Status   int               `json:"status"`
	Headers  map[string]string `json:"headers"`
	BodyFile string            `json:"body_file"`
}

// Verdict is the outcome of one replayed case.
type Verdict string

const (
	// VerdictValid: no findings.
	VerdictValid Verdict = "valid"
	// VerdictInvalid: at least one Invalid finding.
	VerdictInvalid Verdict = "invalid"
	// VerdictDrift: Drift findings only.
	VerdictDrift Verdict = "drift"
)

// CaseResult is the replay result of one case.
type CaseResult struct {
	Name     string   `json:"name"`
	Method   string   `json:"method"`
	Endpoint string   `json:"endpoint"`
	Status   int      `json:"status"`
	Verdict  Verdict  `json:"verdict"`
	Findings Findings `json:"findings"`
	// ExpectedRequestFindings holds the request's findings when the API
	// answered 400 and the spec rejects the request as well; they do not
	// count against the case.
	ExpectedRequestFindings Findings `json:"expected_request_findings,omitempty"`
}

// VerdictOf classifies findings: invalid beats drift beats valid.
func VerdictOf(fs Findings) Verdict {
	switch {
	case len(fs.Invalid()) > 0:
		return VerdictInvalid
	case len(fs) > 0:
		return VerdictDrift
	}
	return VerdictValid
}

// ReadManifest reads dir/MANIFEST.json.
func ReadManifest(dir string) (*Manifest, error) {
	data, err := os.ReadFile(filepath.Join(dir, "MANIFEST.json"))
	if err != nil {
		return nil, fmt.Errorf("spec: %w", err)
	}
	var m Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("spec: MANIFEST.json: %w", err)
	}
	return &m, nil
}

// ReplayDir validates every case listed in dir/MANIFEST.json.
func (s *Spec) ReplayDir(dir string) ([]CaseResult, error) {
	m, err := ReadManifest(dir)
	if err != nil {
		return nil, err
	}
	results := make([]CaseResult, 0, len(m.Cases))
	for _, c := range m.Cases {
		results = append(results, s.ReplayCase(filepath.Join(dir, c.Name), c))
	}
	return results, nil
}

// ReplayCase validates one case directory: request.json (when present)
// against the request body schema, and response.json plus its body file
// against the response.
func (s *Spec) ReplayCase(caseDir string, c ManifestCase) CaseResult {
	r := CaseResult{Name: c.Name, Method: c.Method, Endpoint: c.Endpoint, Status: c.Status}
	var fs Findings
	fail := func(where, msg string) {
		fs = append(fs, Finding{Kind: Invalid, Where: where, Rule: "case", Message: msg})
	}
	if req, err := os.ReadFile(filepath.Join(caseDir, "request.json")); err == nil {
		reqFindings := s.ValidateRequest(c.Method, c.Endpoint, req)
		if c.Status == http.StatusBadRequest && len(reqFindings.Invalid()) > 0 {
			// The API rejected this request with 400 and the spec rejects it
			// too: the two agree, which is what the case records.
			r.ExpectedRequestFindings = reqFindings
		} else {
			fs = append(fs, reqFindings...)
		}
	} else if !os.IsNotExist(err) {
		fail("request", err.Error())
	}
	data, err := os.ReadFile(filepath.Join(caseDir, "response.json"))
	if err != nil {
		fail("response", err.Error())
	} else {
		var rr RecordedResponse
		if err := json.Unmarshal(data, &rr); err != nil {
			fail("response", "response.json: "+err.Error())
		} else {
			var body []byte
			if rr.BodyFile != "" {
				body, err = os.ReadFile(filepath.Join(caseDir, rr.BodyFile))
				if err != nil {
					fail("response", err.Error())
				}
			}
			h := http.Header{}
			for k, v := range rr.Headers {
				h.Set(k, v)
			}
			if c.Status != 0 && rr.Status != c.Status {
				fail("response", fmt.Sprintf("MANIFEST says status %d, response.json says %d", c.Status, rr.Status))
			}
			r.Status = rr.Status
			fs = append(fs, s.ValidateResponse(c.Method, c.Endpoint, rr.Status, h, body)...)
		}
	}
	r.Findings = fs
	r.Verdict = VerdictOf(fs)
	return r
}
