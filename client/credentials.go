package client

import (
	"bufio"
	"errors"
	"os"
	"path/filepath"
	"strings"
)

// SecretFile is the workspace secret file looked up, walking up from the
// working directory, when no credential is given and none is in the
// environment. Lines look like `export ANTHROPIC_API_KEY=...`.
const SecretFile = "secret/-secrets.sh"

// ErrNoCredentials: New found no API key or auth token in any source.
var ErrNoCredentials = errors.New("claude: no credentials: pass WithAPIKey or WithAuthToken, set ANTHROPIC_API_KEY or ANTHROPIC_AUTH_TOKEN, or put `export ANTHROPIC_API_KEY=...` in " + SecretFile + " in this directory or a parent")

// credentials is what the default chain found.
type credentials struct {
	apiKey    Secret
	authToken Secret
	baseURL   string
	source    string
}

// lookupEnv is os.LookupEnv; a variable for tests of the chain.
var lookupEnv = os.LookupEnv

// defaultCredentials runs the chain per setting. Credential:
// ANTHROPIC_API_KEY, then ANTHROPIC_AUTH_TOKEN (bearer), then the workspace
// secret file. Base URL: ANTHROPIC_BASE_URL, then the secret file. The file is
// read only when the environment leaves one of them unset.
func defaultCredentials(dir string) credentials {
	var c credentials
	if v, ok := lookupEnv("ANTHROPIC_BASE_URL"); ok && v != "" {
		c.baseURL = v
	}
	if v, ok := lookupEnv("ANTHROPIC_API_KEY"); ok && v != "" {
		c.apiKey, c.source = NewSecret(v), "ANTHROPIC_API_KEY"
	} else if v, ok := lookupEnv("ANTHROPIC_AUTH_TOKEN"); ok && v != "" {
		c.authToken, c.source = NewSecret(v), "ANTHROPIC_AUTH_TOKEN"
	}
	if c.source != "" && c.baseURL != "" {
		return c
	}
	path := findSecretFile(dir)
	if path == "" {
		return c
	}
	vars := readSecretFile(path)
	if c.baseURL == "" {
		c.baseURL = vars["ANTHROPIC_BASE_URL"]
	}
	if c.source != "" {
		return c
	}
	switch {
	case vars["ANTHROPIC_API_KEY"] != "":
		c.apiKey, c.source = NewSecret(vars["ANTHROPIC_API_KEY"]), path
	case vars["ANTHROPIC_AUTH_TOKEN"] != "":
		c.authToken, c.source = NewSecret(vars["ANTHROPIC_AUTH_TOKEN"]), path
	}
	return c
}

// findSecretFile walks up from dir to the root looking for SecretFile.
func findSecretFile(dir string) string {
	if dir == "" {
		return ""
	}
	for {
		p := filepath.Join(dir, SecretFile)
		if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
			return p
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// readSecretFile parses `export NAME=value` and `NAME=value` lines, with
// optional single or double quotes; anything else is ignored. Values are never
// echoed in errors.
func readSecretFile(path string) map[string]string {
	out := map[string]string{}
	f, err := os.Open(path)
	if err != nil {
		return out
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		line = strings.TrimSpace(strings.TrimPrefix(line, "export "))
		name, value, ok := strings.Cut(line, "=")
		if !ok {
			continue
		}
		value = strings.TrimSpace(value)
		if n := len(value); n >= 2 && (value[0] == '"' && value[n-1] == '"' || value[0] == '\'' && value[n-1] == '\'') {
			value = value[1 : n-1]
		}
		out[strings.TrimSpace(name)] = value
	}
	return out
}
